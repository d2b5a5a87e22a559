namespace Mam.Catalog.Entities.Archive;

/// <summary>Where a copy of an original lives.</summary>
public enum CopyKind
{
    /// <summary>A destination the DIT's agent wrote and verified on set (a RAID, a shuttle drive).
    /// The server cannot read it; its checks come from the agent.</summary>
    OnSet,

    /// <summary>An object in one of the server's stores, which fixity audits re-read.</summary>
    Store,

    /// <summary>A folder an archivist restored the file into, verified against the on-set hash.</summary>
    Restored,
}

/// <summary>What the last check of a copy found.</summary>
public enum FixityOutcome
{
    /// <summary>The bytes hash to the on-set xxh64.</summary>
    Intact,

    /// <summary>The bytes were read and hash to something else.</summary>
    Damaged,

    /// <summary>The object (or file) is not there.</summary>
    Missing,
}

/// <summary>One copy of one original (a card file), with its last check: the archivist's 3-2-1 view is
/// these rows counted per file.</summary>
public sealed class FileCopy
{
    public Guid Id { get; set; }
    public Guid CardFileId { get; set; }
    public CardFile? CardFile { get; set; }
    public CopyKind Kind { get; set; }

    /// <summary>For <see cref="CopyKind.Store"/> the store's configured name; otherwise the machine and
    /// folder as the agent reported them (e.g. "dana-mbp:/Volumes/SHUTTLE_01").</summary>
    public required string Location { get; set; }

    /// <summary>The object key in the store, or the path under <see cref="Location"/>.</summary>
    public required string Key { get; set; }

    /// <summary>The store's storage class (STANDARD, GLACIER…) when it has one.</summary>
    public string? StorageClass { get; set; }

    public DateTime AddedAt { get; set; }
    public DateTime? LastCheckedAt { get; set; }
    public FixityOutcome? LastOutcome { get; set; }

    /// <summary>The tool and version that made the last check (e.g. "Mam.Workers fixity audit 1.0", "ingest-agent 1.0").</summary>
    public string? LastCheckedBy { get; set; }
}
