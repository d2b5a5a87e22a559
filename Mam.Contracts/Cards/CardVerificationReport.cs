namespace Mam.Contracts.Cards;

/// <summary>What <c>ingest-agent verify --api</c> found in one copy of a card (a RAID, a shuttle drive),
/// re-hashed against the card's ASC MHL history: recorded as that copy's last check.</summary>
/// <param name="Location">Machine and folder, as on-set destinations are named: "dana-mbp:/Volumes/SHUTTLE_01/A001".</param>
/// <param name="CheckedAt">When the folder was verified.</param>
/// <param name="CheckedBy">The tool and version, e.g. "ingest-agent verify 1.0.0".</param>
/// <param name="Files">One line per file the history lists.</param>
public sealed record CardVerificationReport(string? Location, DateTimeOffset? CheckedAt, string? CheckedBy, IReadOnlyList<VerifiedCopyFile>? Files);

/// <param name="Path">Relative POSIX path on the card, as registered.</param>
/// <param name="Outcome">intact, mismatch or missing (<see cref="VerificationOutcomes"/>).</param>
/// <param name="Algorithm">The ASC MHL hash format computed (xxh64).</param>
/// <param name="Digest">What the bytes hashed to; none for a missing file.</param>
/// <param name="Detail">Why, in words, when not intact.</param>
public sealed record VerifiedCopyFile(string? Path, string? Outcome, string? Algorithm, string? Digest, string? Detail = null);

/// <summary>The answer: how many checks were recorded, and the paths the card does not have (not recorded).</summary>
public sealed record CardVerificationResponse(Guid CardId, string Location, int Recorded, int Intact, int Failed, IReadOnlyList<string> UnknownPaths);

public static class VerificationOutcomes
{
    /// <summary>Re-hashed, and equal to the hash on record.</summary>
    public const string Intact = "intact";

    /// <summary>Read, and hashed to something else (or could not be read).</summary>
    public const string Mismatch = "mismatch";

    /// <summary>Listed in the history, not in the folder.</summary>
    public const string Missing = "missing";
}
