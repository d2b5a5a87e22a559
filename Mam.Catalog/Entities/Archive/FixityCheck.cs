namespace Mam.Catalog.Entities.Archive;

/// <summary>One fixity check of one copy: PREMIS's "fixity check" event (date, outcome, algorithm,
/// digest, agent). Append-only: a copy's history is its checks.</summary>
public sealed class FixityCheck
{
    public long Id { get; set; }
    public Guid FileCopyId { get; set; }
    public FileCopy? FileCopy { get; set; }
    public DateTime At { get; set; }
    public FixityOutcome Outcome { get; set; }

    /// <summary>ASC MHL's name of the hash format (xxh64).</summary>
    public required string Algorithm { get; set; }

    /// <summary>The on-set digest the bytes must match.</summary>
    public required string Expected { get; set; }

    /// <summary>What the bytes hashed to; null when there were no bytes to hash (missing).</summary>
    public string? Actual { get; set; }

    /// <summary>The tool and version that checked.</summary>
    public required string Agent { get; set; }

    /// <summary>The audit this check was part of, when it was.</summary>
    public Guid? FixityAuditId { get; set; }

    /// <summary>What else happened, in words (e.g. "repaired from replica-b").</summary>
    public string? Note { get; set; }
}
