namespace Mam.Catalog.Entities.Review;

public enum GateRule
{
    /// <summary>Every approver of the stage must approve.</summary>
    All,

    /// <summary>One approver's approval opens the gate.</summary>
    Any,
}

/// <summary>One stage of a project's review (rough cut → fine cut → picture lock → color → mix →
/// delivery): who holds approval authority there, and whether all of them or any one must approve
/// before a cut advances past it.</summary>
public sealed class ReviewStage
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>0 for the first stage.</summary>
    public int Order { get; set; }

    public required string Name { get; set; }
    public GateRule Rule { get; set; }
    public List<Guid> Approvers { get; set; } = [];
}

/// <summary>Where a version stack (a cut) stands in its project's stages; a stack with no row is at the first.</summary>
public sealed class StackGate
{
    public Guid StackId { get; set; }
    public int Stage { get; set; }
    public string? AdvancedBy { get; set; }
    public DateTime? AdvancedAt { get; set; }

    /// <summary>The version a project manager locked (the approved one); null when the stack is not locked.
    /// A locked stack takes no new version and no new decision on its approvals.</summary>
    public int? LockedVersion { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedAt { get; set; }
    public string? LockNote { get; set; }
}
