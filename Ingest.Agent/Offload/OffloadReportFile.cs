using System.Text.Json;

namespace Ingest.Agent.Offload;

/// <summary>
/// The machine-readable report of an offload, saved in each destination's ascmhl/ folder beside
/// the generation it belongs to (<c>NNNN_…Z.mhl</c> → <c>NNNN_…Z.report.json</c>). ascmhl/ is in
/// ASC MHL's ignore patterns, so the report never becomes an entry of the next generation.
/// </summary>
public static class OffloadReportFile
{
    public static string PathFor(string mhlPath) => Path.ChangeExtension(mhlPath, ".report.json");

    public static async Task WriteAsync(OffloadReport report, DestinationSummary destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = PathFor(destination.MhlPath!);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, OffloadReportDocument.From(report), ReadableJson.Default.OffloadReportDocument, cancellationToken).ConfigureAwait(false);
        }
    }
}
