namespace Mam.Catalog.Entities;

public enum OperationKind
{
    /// <summary>Run stages again (new settings, a new engine, a failure fixed).</summary>
    Rerun,
    /// <summary>Run the stages whose renditions are missing from storage.</summary>
    RebuildMissing,
    /// <summary>Write every clip (or one project's) into the search index again from the catalog,
    /// as a background job (a new cluster, a new index mapping); no stage runs again.</summary>
    Reindex,
}

public enum OperationStatus
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>Something a person (or the server itself) asked of the pipeline, with why: the record an
/// archivist or a supervisor reads to learn why a clip's proxy was remade last Tuesday. Kept; never
/// edited after it ends.</summary>
public sealed class PipelineOperation
{
    public Guid Id { get; set; }
    public OperationKind Kind { get; set; }
    public OperationStatus Status { get; set; }

    /// <summary>One asset, or every clip of a card or project (null: not narrowed that way; a re-index
    /// with neither covers every clip).</summary>
    public Guid? AssetId { get; set; }
    public string? Project { get; set; }
    public string? Card { get; set; }

    /// <summary>Registry names, comma-separated; for a rebuild, the stages that make what is missing;
    /// empty for a re-index.</summary>
    public required string Stages { get; set; }
    public required string Reason { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Clips in scope, and how many have been gone through (in id order, so a run cut short
    /// picks up where it stopped).</summary>
    public int Total { get; set; }
    public int Processed { get; set; }

    /// <summary>Stage runs asked for, of which running ones will run again when they end.</summary>
    public int StagesRequeued { get; set; }
    public int StagesDeferred { get; set; }

    /// <summary>For a rebuild: renditions found missing from storage.</summary>
    public int MissingFound { get; set; }

    /// <summary>Why it failed; for a re-index that finished, the clips the search engine refused.</summary>
    public string? Error { get; set; }
}
