namespace Mam.Catalog.Entities;

public enum StageStatus
{
    Pending,
    Running,
    Done,
    Failed,
    Skipped,
}

/// <summary>The outcome of one pipeline stage for one asset. The catalog, not the message bus, is
/// the source of truth: a lost message only delays a Pending stage until the reconciler re-publishes it.</summary>
public sealed class PipelineStage
{
    public const int LeaseHolderLength = 200;

    public Guid Id { get; set; }
    public Guid AssetId { get; set; }
    public StageName Stage { get; set; }
    public StageStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>Why a stage was skipped or what it produced, in a user's words.</summary>
    public string? Note { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Asked to run again while it was running: when this run ends, the stage goes back to
    /// pending instead of done, so the re-run sees the new settings.</summary>
    public bool RerunRequested { get; set; }
    /// <summary>Until when the worker running this stage holds it; it renews this while it works, so a
    /// stage whose lease ran out lost its worker and may be taken over. Null when not running (or for a
    /// row claimed before leases existed).</summary>
    public DateTime? LeaseExpiresAt { get; set; }
    /// <summary>Who holds the lease ("host:pid:instance"), so only that worker renews or records it.</summary>
    public string? LeaseHolder { get; set; }
}
