using System.Text.Json;
using System.Text.Json.Serialization;
using Mam.Integrity.Cards;

namespace Ingest.Agent.Offload;

/// <summary>
/// The machine-readable report of an offload, saved in each destination's ascmhl/ folder beside
/// the generation it belongs to (<c>NNNN_…Z.mhl</c> → <c>NNNN_…Z.report.json</c>). ascmhl/ is in
/// ASC MHL's ignore patterns, so the report never becomes an entry of the next generation.
/// </summary>
public static class OffloadReportFile
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string PathFor(string mhlPath) => Path.ChangeExtension(mhlPath, ".report.json");

    public static async Task WriteAsync(OffloadReport report, DestinationSummary destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = PathFor(destination.MhlPath!);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, ToDocument(report), Json, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The report as plain data (also what --json prints as the summary event).</summary>
    public static object ToDocument(OffloadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            card = new { report.Card.Name, report.Card.Camera, report.Card.Roll, report.Card.Layout },
            source = report.SourcePath,
            verify = report.VerifyMode,
            started = report.StartedUtc,
            finished = report.FinishedUtc,
            seconds = Math.Round((report.FinishedUtc - report.StartedUtc).TotalSeconds, 3),
            files = report.Files.Count,
            bytes = report.TotalBytes,
            allVerified = report.AllVerified,
            sourceLost = report.SourceLost,
            destinations = report.Destinations.Select(d => new
            {
                root = d.Root,
                cardFolder = d.CardFolder,
                verified = d.VerifiedFiles,
                failed = d.FailedFiles,
                result = d.Error is null && d.FailedFiles == 0 ? "ok" : "failed",
                error = d.Error,
                mhl = d.MhlPath,
            }),
            clips = CardLayout.Clips(report.Files.Select(f => f.RelativePath)).Select(c => new { clip = c.Name, files = c.Files }),
            problems = report.SourceProblems.Select(p => new { path = p.RelativePath, error = p.Error }),
            items = report.Files.Select(f => new
            {
                path = f.RelativePath,
                size = f.Size,
                hashes = f.Hashes,
                resumed = f.Resumed ? true : (bool?)null,
                sourceError = f.SourceError,
                copies = f.Destinations.Select(d => new { destination = d.DestinationRoot, verified = d.Verified, error = d.Error }),
            }),
        };
    }
}
