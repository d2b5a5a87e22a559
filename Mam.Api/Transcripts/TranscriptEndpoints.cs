using Mam.Api.Security.Access;
using Mam.Api.Problems;
using Mam.Catalog;
using Mam.Media.Speech;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Transcripts;

public sealed record TranscriptView(Guid AssetId, string ClipName, string? Engine, IReadOnlyList<TranscriptSegmentView> Segments);

public sealed record TranscriptSegmentView(double Start, double End, string? TimecodeIn, string? TimecodeOut, string Text, IReadOnlyList<TranscriptWordView> Words)
{
    /// <summary>The engine's confidence for the phrase, 0..1; null when it gave none.</summary>
    public double? Confidence { get; init; }
}

public sealed record TranscriptWordView(string Word, double Start, double End, double Confidence);

public static class TranscriptEndpoints
{
    public static IEndpointRouteBuilder MapTranscriptEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets/{id:guid}").WithTags("Transcripts").RequireAssetRight(Right.Read);
        group.MapGet("/transcript", GetAsync).WithSummary("The transcript with word timings and SMPTE timecodes");
        group.MapGet("/transcript.vtt", GetVttAsync).WithSummary("The transcript as WebVTT captions");
        group.MapTranscriptExports();
        return app;
    }

    private static async Task<Results<Ok<TranscriptView>, ProblemHttpResult>> GetAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var segments = await db.TranscriptSegments.AsNoTracking().Where(s => s.AssetId == id).OrderBy(s => s.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        var clock = ClipClock.For(asset.Technical);
        return TypedResults.Ok(new TranscriptView(id, asset.ClipName, segments.FirstOrDefault()?.Engine,
            segments.Select(s => new TranscriptSegmentView(s.Start, s.End, clock.Timecode(s.Start), clock.OutTimecode(s.Start, s.End), s.Text,
                s.Words.Select(w => new TranscriptWordView(w.Word, w.Start, w.End, w.Confidence)).ToList()) { Confidence = s.Confidence }).ToList()));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVttAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.Assets.AnyAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var segments = await db.TranscriptSegments.AsNoTracking().Where(s => s.AssetId == id).OrderBy(s => s.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(WebVttWriter.Write(segments.Select(TranscriptExportEndpoints.ToData)), "text/vtt; charset=utf-8");
    }
}
