using Ingest.Agent.Offload;

namespace Ingest.Agent.Commands;

/// <summary>The short human summary printed after an offload.</summary>
internal static class OffloadSummary
{
    public static void Write(TextWriter output, OffloadReport report)
    {
        var card = report.Card;
        var identity = card.Camera is null ? card.Name : $"{card.Name} (camera {card.Camera}, roll {card.Roll})";
        output.WriteLine();
        var seconds = Math.Max(0.001, (report.FinishedUtc - report.StartedUtc).TotalSeconds);
        var kept = report.Files.Count(f => f.Resumed);
        output.WriteLine($"Card {identity}{(card.Layout is null ? string.Empty : $" [{card.Layout}]")} from {report.SourcePath}: {report.Files.Count} files, {Bytes.Format(report.TotalBytes)} in {seconds:0.0} s ({Bytes.Format((long)(report.TotalBytes / seconds))}/s), verify {report.VerifyMode}{(kept > 0 ? $", {kept} kept from an interrupted run" : string.Empty)}");

        foreach (var destination in report.Destinations)
        {
            var state = destination.Error is null && destination.FailedFiles == 0 ? "OK    " : "FAILED";
            output.WriteLine($"  {state} {destination.CardFolder}: {destination.VerifiedFiles} verified, {destination.FailedFiles} failed");
            if (destination.MhlPath is not null)
            {
                output.WriteLine($"         ASC MHL: {destination.MhlPath}");
            }

            if (destination.Error is not null)
            {
                output.WriteLine($"         {destination.Error}");
            }
        }

        WriteProblems(output, report);
        output.WriteLine(ResultLine(report));
    }

    /// <summary>The last line of every offload, --quiet included: scripts and people read the same verdict.</summary>
    public static string ResultLine(OffloadReport report) => report.AllVerified
        ? "Offload complete: every file verified on every destination."
        : "Offload INCOMPLETE: not every file is verified on every destination (see above).";

    /// <summary>Only what went wrong (also what --quiet prints, on stderr).</summary>
    public static void WriteProblems(TextWriter output, OffloadReport report)
    {
        if (report.SourceLost is not null)
        {
            output.WriteLine($"CARD LOST: {report.SourceLost}");
        }

        var problems = report.SourceProblems.Select(p => $"{p.RelativePath}: cannot read: {p.Error}")
            .Concat(report.Files.Where(f => f.SourceError is not null).Select(f => $"{f.RelativePath}: cannot read: {f.SourceError}"))
            .Concat(report.Files.Where(f => f.HistoryMismatch is not null).Select(f => $"{f.RelativePath}: {f.HistoryMismatch}"))
            .Concat(report.Files.Where(f => f.SourceError is null).SelectMany(f => f.Destinations
                .Where(d => !d.Verified && !IsWholeDestinationFailure(report, d))
                .Select(d => $"{f.RelativePath} on {d.DestinationRoot}: {d.Error}")))
            .ToList();
        if (problems.Count > 0)
        {
            output.WriteLine("Problems:");
            foreach (var problem in problems)
            {
                output.WriteLine($"  {problem}");
            }
        }
    }

    /// <summary>Already printed once for the destination; repeating it per file would bury the rest.</summary>
    private static bool IsWholeDestinationFailure(OffloadReport report, DestinationFileResult result) =>
        report.Destinations.Any(s => string.Equals(s.Root, result.DestinationRoot, StringComparison.Ordinal)
            && string.Equals(s.Error, result.Error, StringComparison.Ordinal));
}
