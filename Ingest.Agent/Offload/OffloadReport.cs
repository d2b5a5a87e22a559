using Ingest.Agent.Cards;

namespace Ingest.Agent.Offload;

/// <summary>How one file ended up on one destination.</summary>
/// <param name="FinalPath">Where the verified copy is (or would have been).</param>
public sealed record DestinationFileResult(string DestinationRoot, string FinalPath, bool Verified, string? Error);

/// <summary>One card file: its source hash and what happened on each destination.</summary>
/// <param name="Size">Bytes read from the source (what the hash covers).</param>
/// <param name="SourceError">Set when the source could not be read; then nothing was copied.</param>
public sealed record OffloadedFile(
    string RelativePath,
    long Size,
    DateTime LastWriteUtc,
    string? Xxh64,
    string? SourceError,
    IReadOnlyList<DestinationFileResult> Destinations)
{
    public bool VerifiedEverywhere => SourceError is null && Destinations.Count > 0 && Destinations.All(d => d.Verified);

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
    public bool AllVerified =>
        SourceProblems.Count == 0
        && Files.All(f => f.VerifiedEverywhere)
        && Destinations.All(d => d.Error is null);

    public long TotalBytes => Files.Sum(f => f.Size);
}
