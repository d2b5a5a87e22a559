using Ingest.Agent.Cards;

namespace Ingest.Agent.Offload;

/// <summary>How one file ended up on one destination.</summary>
/// <param name="FinalPath">Where the verified copy is (or would have been).</param>
public sealed record DestinationFileResult(string DestinationRoot, string FinalPath, bool Verified, string? Error);

/// <summary>One card file: its source hash and what happened on each destination.</summary>
/// <param name="Size">Bytes read from the source (what the hash covers).</param>
/// <param name="Hashes">Format → value (xxh64 always) of the bytes read; empty when the source failed.</param>
/// <param name="SourceError">Set when the source could not be read; then nothing was copied.</param>
/// <param name="Resumed">The journal showed this file already verified everywhere; it was not copied again.</param>
public sealed record OffloadedFile(
    string RelativePath,
    long Size,
    DateTime LastWriteUtc,
    IReadOnlyDictionary<string, string> Hashes,
    string? SourceError,
    IReadOnlyList<DestinationFileResult> Destinations,
    bool Resumed = false)
{
    public string? Xxh64 => Hashes.GetValueOrDefault("xxh64");

    /// <summary>
    /// Set when the bytes read from the card differ from what the card's own ASC MHL history recorded
    /// (format, recorded and read value). The copies are kept (they hold what the card holds) but the
    /// file is failed: the card changed since that history was written.
    /// </summary>
    public string? HistoryMismatch { get; init; }

    public bool VerifiedEverywhere => SourceError is null && HistoryMismatch is null && Destinations.Count > 0 && Destinations.All(d => d.Verified);

    public DestinationFileResult? FirstVerifiedCopy => Destinations.FirstOrDefault(d => d.Verified);
}

/// <summary>One destination's outcome, including the MHL generation sealed into it.</summary>
/// <param name="Error">Why the destination failed as a whole (e.g. the card folder cannot be created).</param>
public sealed record DestinationSummary(
    string Root,
    string CardFolder,
    int VerifiedFiles,
    int FailedFiles,
    string? Error,
    string? MhlPath);

public sealed record OffloadReport(
    CardIdentity Card,
    string SourcePath,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    IReadOnlyList<OffloadedFile> Files,
    IReadOnlyList<SourceProblem> SourceProblems,
    IReadOnlyList<DestinationSummary> Destinations)
{
    /// <summary>Set when the card disappeared mid-offload (pulled, reader unplugged).</summary>
    public string? SourceLost { get; init; }

    public string VerifyMode { get; init; } = "full";

    public bool AllVerified =>
        SourceProblems.Count == 0
        && SourceLost is null
        && Files.All(f => f.VerifiedEverywhere)
        && Destinations.All(d => d.Error is null);

    public long TotalBytes => Files.Sum(f => f.Size);
}
