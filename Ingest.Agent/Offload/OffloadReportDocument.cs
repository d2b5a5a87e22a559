using Mam.Integrity.Cards;

namespace Ingest.Agent.Offload;

/// <summary>The report of an offload as plain data: the report file beside each MHL and the --json summary event.</summary>
public sealed record OffloadReportDocument(
    CardDocument Card,
    string Source,
    string Verify,
    DateTime Started,
    DateTime Finished,
    double Seconds,
    int Files,
    long Bytes,
    bool AllVerified,
    string? SourceLost,
    IReadOnlyList<DestinationDocument> Destinations,
    IReadOnlyList<ClipDocument> Clips,
    IReadOnlyList<ProblemDocument> Problems,
    IReadOnlyList<ItemDocument> Items)
{
    public static OffloadReportDocument From(OffloadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new OffloadReportDocument(
            new CardDocument(report.Card.Name, report.Card.Camera, report.Card.Roll, report.Card.Layout),
            report.SourcePath,
            report.VerifyMode,
            report.StartedUtc,
            report.FinishedUtc,
            Math.Round((report.FinishedUtc - report.StartedUtc).TotalSeconds, 3),
            report.Files.Count,
            report.TotalBytes,
            report.AllVerified,
            report.SourceLost,
            [.. report.Destinations.Select(d => new DestinationDocument(
                d.Root, d.CardFolder, d.VerifiedFiles, d.FailedFiles, d.Error is null && d.FailedFiles == 0 ? "ok" : "failed", d.Error, d.MhlPath))],
            [.. CardLayout.Clips(report.Files.Select(f => f.RelativePath)).Select(c => new ClipDocument(c.Name, c.Files))],
            [.. report.SourceProblems.Select(p => new ProblemDocument(p.RelativePath, p.Error))],
            [.. report.Files.Select(f => new ItemDocument(f.RelativePath, f.Size, f.Hashes, f.Resumed ? true : null, f.SourceError, CopyDocument.Of(f)) { HistoryMismatch = f.HistoryMismatch })]);
    }
}

public sealed record CardDocument(string Name, string? Camera, string? Roll, string? Layout);

/// <param name="Result">ok, or failed (see Error, or the failed files).</param>
public sealed record DestinationDocument(string Root, string CardFolder, int Verified, int Failed, string Result, string? Error, string? Mhl);

public sealed record ClipDocument(string Clip, IReadOnlyList<string> Files);

public sealed record ProblemDocument(string Path, string Error);

/// <param name="Resumed">True when an earlier run had verified the file; left out otherwise.</param>
public sealed record ItemDocument(string Path, long Size, IReadOnlyDictionary<string, string> Hashes, bool? Resumed, string? SourceError, IReadOnlyList<CopyDocument> Copies)
{
    /// <summary>Set when the file differs from the card's own ASC MHL history (left out otherwise).</summary>
    public string? HistoryMismatch { get; init; }
}

public sealed record CopyDocument(string Destination, bool Verified, string? Error)
{
    public static IReadOnlyList<CopyDocument> Of(OffloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return [.. file.Destinations.Select(d => new CopyDocument(d.DestinationRoot, d.Verified, d.Error))];
    }
}
