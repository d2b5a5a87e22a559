using System.Text;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Media.Speech;
using Mam.Media.Speech.Exports;
using Mam.Media.Timecodes;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Transcripts;

/// <summary>The transcript in the files editors import: SRT captions (Premiere Pro, Resolve, Media
/// Composer), a Resolve marker EDL, Avid's marker text and a CSV marker list. Timecodes follow the
/// clip's own start timecode and drop-frame mode.</summary>
public static class TranscriptExportEndpoints
{
    public static RouteGroupBuilder MapTranscriptExports(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/transcript.srt", SrtAsync).Audited(AuditActions.Export, "transcript (SRT)")
            .WithSummary("The transcript as SubRip captions (times from the clip's first frame)");
        group.MapGet("/markers.csv", CsvAsync).Audited(AuditActions.Export, "markers (CSV)")
            .WithSummary("One marker per phrase as CSV: Name, Start TC, End TC, Duration, Comment, Color, Confidence");
        group.MapGet("/markers.edl", EdlAsync).Audited(AuditActions.Export, "markers (EDL)")
            .WithSummary("CMX 3600 EDL, one event per phrase with a DaVinci Resolve marker; ?recordStart=01:00:00:00 moves the record side");
        group.MapGet("/markers.txt", AvidAsync).Audited(AuditActions.Export, "markers (Avid)")
            .WithSummary("Avid Media Composer marker text (Markers window > Import Markers)");
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SrtAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var export = await LoadAsync(id, catalog, cancellationToken).ConfigureAwait(false);
        return export is null
            ? ApiProblems.NotFound($"There is no asset {id}.")
            : File(SrtWriter.Write(export.Segments), "application/x-subrip; charset=utf-8", export.FileName(".srt"));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var export = await LoadAsync(id, catalog, cancellationToken).ConfigureAwait(false);
        return export is null
            ? ApiProblems.NotFound($"There is no asset {id}.")
            : File(MarkerCsvWriter.Write(export.Markers, export.Clock), "text/csv; charset=utf-8", export.FileName(".markers.csv"));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EdlAsync(
        Guid id, string? recordStart, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var export = await LoadAsync(id, catalog, cancellationToken).ConfigureAwait(false);
        if (export is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        Timecode? record = null;
        if (!string.IsNullOrWhiteSpace(recordStart))
        {
            if (!Timecode.TryParse(recordStart, export.Clock.Rate, out var parsed))
            {
                return ApiProblems.Invalid($"recordStart '{recordStart}' is not a timecode (HH:MM:SS:FF) at {export.Clock.Rate} fps.");
            }
            record = parsed;
        }
        var title = export.Clock.IsFallback ? $"{export.ClipName} (no frame rate: 25 fps assumed)" : export.ClipName;
        return File(EdlMarkerWriter.Write(title, export.Markers, export.Clock, record), "text/plain; charset=utf-8", export.FileName(".edl"));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AvidAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var export = await LoadAsync(id, catalog, cancellationToken).ConfigureAwait(false);
        return export is null
            ? ApiProblems.NotFound($"There is no asset {id}.")
            : File(AvidMarkerWriter.Write(export.Markers, export.Clock), "text/plain; charset=utf-8", export.FileName(".markers.txt"));
    }

    private static FileContentHttpResult File(string text, string contentType, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(text), contentType, fileName);

    private static async Task<ClipTranscript?> LoadAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return null;
        }
        var rows = await db.TranscriptSegments.AsNoTracking().Where(s => s.AssetId == id).OrderBy(s => s.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ClipTranscript(asset, rows.Select(ToData).ToList());
    }

    internal static TranscriptSegmentData ToData(TranscriptSegment s) => new(s.Start, s.End, s.Text,
        s.Words.Select(w => new TranscriptWord(w.Word, w.Start, w.End, w.Confidence)).ToList(), s.Confidence);

    private sealed class ClipTranscript(Asset asset, IReadOnlyList<TranscriptSegmentData> segments)
    {
        public string ClipName => asset.ClipName;

        public IReadOnlyList<TranscriptSegmentData> Segments => segments;

        public MarkerClock Clock { get; } = MarkerClock.For(
            asset.Technical?.FrameRateNumerator, asset.Technical?.FrameRateDenominator, asset.Technical?.StartTimecode);

        public IReadOnlyList<PhraseMarker> Markers => PhraseMarker.From(segments, Clock);

        public string FileName(string extension) => asset.ClipName + extension;
    }
}
