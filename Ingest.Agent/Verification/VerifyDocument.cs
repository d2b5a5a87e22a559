namespace Ingest.Agent.Verification;

/// <summary>What <c>verify --json</c> prints.</summary>
public sealed record VerifyDocument(string Folder, bool AllVerified, IReadOnlyList<VerifiedFileDocument> Files, IReadOnlyList<string> Generations)
{
    public static VerifyDocument From(string folder, HistoryCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new VerifyDocument(
            folder,
            report.AllVerified,
            [.. report.Files.Select(f => new VerifiedFileDocument(f.HistoryRoot, f.Path, f.State.ToString().ToLowerInvariant(), f.Detail))],
            report.GenerationsWritten);
    }
}

/// <param name="State">verified, failed, missing or new.</param>
public sealed record VerifiedFileDocument(string History, string Path, string State, string? Detail);
