namespace Mam.Catalog.Entities.Restores;

public enum RestoreScopeKind
{
    Card,
    Assets,
    /// <summary>One clip between two timecodes.</summary>
    Range,
}

public enum RestoreState
{
    /// <summary>Planned; nothing has moved.</summary>
    Planned,
    Restoring,
    /// <summary>Started; files in an archive tier were requested from the store and are not all readable yet.</summary>
    AwaitingArchive,
    /// <summary>Started; every archived file is readable now (until its copy expires): the agent can read.</summary>
    ArchiveReady,
    /// <summary>Finished, every file verified (or, for a cut, recorded as a new original).</summary>
    Done,
    /// <summary>Finished with some file failed.</summary>
    Failed,
}

/// <summary>An archivist bringing originals back: the plan (files, classes, estimate), who confirmed it,
/// where to, and what the agent reported per file. Kept as the record of the restore.</summary>
public sealed class Restore
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public RestoreScopeKind ScopeKind { get; set; }

    /// <summary>In words, as lists show it: "card A001R1AB", "2 clips", "A001C003 from … to …".</summary>
    public required string Scope { get; set; }

    public Guid? CardId { get; set; }

    /// <summary>For a range: the clip, and the timecodes asked for.</summary>
    public Guid? AssetId { get; set; }
    public string? FromTimecode { get; set; }
    public string? ToTimecode { get; set; }

    public RestoreState State { get; set; }
    public Guid RequestedById { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who confirmed it, when, to where, with which retrieval tier.</summary>
    public string? StartedBy { get; set; }
    public DateTime? StartedAt { get; set; }
    public string? Destination { get; set; }
    public string? Tier { get; set; }
    public DateTime? FinishedAt { get; set; }

    public long TotalBytes { get; set; }

    /// <summary>What the archive tier did that the archivist should know: a restored copy that expired
    /// before it was read and was requested again.</summary>
    public string? ArchiveNote { get; set; }

    /// <summary>The throughput the plan's estimate used, and where it came from.</summary>
    public double ThroughputMiBps { get; set; }
    public required string ThroughputSource { get; set; }

    /// <summary>As the agent reported: bytes read from the store, seconds it took (the measured throughput).</summary>
    public long? BytesRead { get; set; }
    public double? Seconds { get; set; }

    /// <summary>The ASC MHL generation written at the destination.</summary>
    public string? Mhl { get; set; }

    public List<RestoreFile> Files { get; set; } = [];
}
