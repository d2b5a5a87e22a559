namespace Mam.Catalog.Entities.Restores;

public enum RestoreOutcome
{
    Pending,
    Verified,
    Failed,
    /// <summary>A new file (a cut): hashed for the first time, never verified against the set.</summary>
    Original,
}

/// <summary>One file of a restore: where the plan found it and what became of it.</summary>
public sealed class RestoreFile
{
    public Guid Id { get; set; }
    public Guid RestoreId { get; set; }

    /// <summary>The original (for a cut: the clip it is cut from).</summary>
    public Guid CardFileId { get; set; }
    public CardFile? CardFile { get; set; }

    /// <summary>The card's name: the folder it goes into.</summary>
    public required string CardName { get; set; }

    /// <summary>Where it goes in the card folder: the original's path, or the cut's new name.</summary>
    public required string RelativePath { get; set; }
    public long Size { get; set; }

    /// <summary>As HEAD found it at plan time; null when the object was missing.</summary>
    public string? StorageClass { get; set; }
    public bool Missing { get; set; }
    public bool ArchiveRestoreNeeded { get; set; }

    /// <summary>For a file in an archive tier, once the restore started: whether its copy was requested or is readable.</summary>
    public ArchiveCopy Archive { get; set; }
    public DateTime? ArchiveRequestedAt { get; set; }

    /// <summary>When the store drops the restored copy again (S3's x-amz-restore expiry-date); null when
    /// none is readable or it does not expire (the object left the archive tier).</summary>
    public DateTime? ReadableUntil { get; set; }

    public RestoreOutcome Result { get; set; }
    public string? Reason { get; set; }
    public string? RestoredXxh64 { get; set; }
    public DateTime? ReportedAt { get; set; }

    /// <summary>For a range restore: the cut made from the original.</summary>
    public RestoreCut? Cut { get; set; }
}

/// <summary>Where a file in an archive tier is on its way back.</summary>
public enum ArchiveCopy
{
    /// <summary>Not asked for (not archived, or the restore has not started).</summary>
    None,
    /// <summary>A restore request is under way in the store.</summary>
    Requested,
    /// <summary>A restored copy can be read (until <see cref="RestoreFile.ReadableUntil"/>).</summary>
    Readable,
}

public enum RestoreCutState
{
    Pending,
    Ready,
    Failed,
}

/// <summary>A clip cut between two timecodes, remuxed without re-encoding from byte ranges of the original.</summary>
public sealed class RestoreCut
{
    public required string FromTimecode { get; set; }
    public required string ToTimecode { get; set; }

    /// <summary>The same range in seconds from the clip's first frame.</summary>
    public double FromSeconds { get; set; }
    public double ToSeconds { get; set; }

    public RestoreCutState State { get; set; }

    /// <summary>The cut's first frame (earlier than asked when it had to start at an I-frame).</summary>
    public string? StartTimecode { get; set; }
    public bool StartsAtEarlierIFrame { get; set; }
    public long? ByteStart { get; set; }
    public long? ByteEnd { get; set; }
    public long? BytesRead { get; set; }

    /// <summary>Where the made cut is kept in the store until the restore finishes.</summary>
    public string? StorageKey { get; set; }
    public string? Xxh64 { get; set; }
    public string? Error { get; set; }
}
