namespace Mam.Catalog.Entities.Archive;

public enum FixityAuditStatus
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>One run of re-reading stored copies against their on-set hashes: scheduled (every project)
/// or asked for (a project, a card or a clip). The row is the run's progress while it goes and its
/// report — and its one alert — when it ends.</summary>
public sealed class FixityAudit
{
    public Guid Id { get; set; }

    /// <summary>In words: "every project", "project Feature", "card A001 of Feature", "clip A001C003 of Feature".</summary>
    public required string Scope { get; set; }

    public Guid? ProjectId { get; set; }
    public Guid? CardId { get; set; }
    public Guid? AssetId { get; set; }

    /// <summary>Who asked ("schedule" for the recurring run).</summary>
    public required string RequestedBy { get; set; }
    public string? Reason { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public FixityAuditStatus Status { get; set; }

    /// <summary>How many copies <see cref="Plan"/> holds.</summary>
    public int Planned { get; set; }

    /// <summary>The copies chosen when the run first started — never-checked, then oldest-checked,
    /// within the run's budget, then a random sample of the rest — kept so a run interrupted by a
    /// restart checks exactly the ones it has not checked yet.</summary>
    public List<Guid> Plan { get; set; } = [];

    public int Checked { get; set; }
    public int Intact { get; set; }
    public int Damaged { get; set; }
    public int Missing { get; set; }
    public int Repaired { get; set; }
    public long BytesRead { get; set; }

    /// <summary>The run's one alert when anything was damaged or missing (not one per file), or why it failed.</summary>
    public string? Alert { get; set; }
}
