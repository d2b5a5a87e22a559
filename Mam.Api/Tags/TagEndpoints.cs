using Mam.Api.Security.Access;
using Mam.Api.Problems;
using Mam.Api.Transcripts;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Tags;

/// <summary>A finding of the analysis stage as the clip page and an NLE marker list show it: seconds
/// from the first frame and the SMPTE timecode on the clip's own clock.</summary>
public sealed record TagView(
    string Kind,
    string Label,
    double Start,
    double End,
    string? TimecodeIn,
    string? TimecodeOut,
    double Confidence,
    string Source,
    double? Value,
    string? Detail);

public static class TagEndpoints
{
    public static IEndpointRouteBuilder MapTagEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/assets/{id:guid}").WithTags("Tags").RequireAssetRight(Right.Read)
            .MapGet("/tags", GetAsync).NotPaged("answers every tag of the clip")
            .WithSummary("Time-coded findings of the analysis: shots, on-screen text, slates, objects, faces, QC")
            .WithDescription("Optional kind filter: ?kind=slate (shot, text, slate, object, face, qc; repeatable).");
        return app;
    }

    private static async Task<Results<Ok<List<TagView>>, ProblemHttpResult>> GetAsync(
        Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken, string[]? kind = null)
    {
        var kinds = new List<TagKind>();
        foreach (var k in kind ?? [])
        {
            if (!Enum.TryParse<TagKind>(k, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(k, out _))
            {
                return ApiProblems.Invalid($"Unknown tag kind '{k}'. Kinds: {string.Join(", ", Enum.GetNames<TagKind>()).ToLowerInvariant()}.");
            }
            kinds.Add(parsed);
        }

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var query = db.ClipTags.AsNoTracking().Where(t => t.AssetId == id);
        if (kinds.Count > 0)
        {
            query = query.Where(t => kinds.Contains(t.Kind));
        }
        var tags = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        var clock = ClipClock.For(asset.Technical);
        return TypedResults.Ok(tags
            .OrderBy(t => t.Start).ThenBy(t => t.Kind).ThenBy(t => t.Label, StringComparer.Ordinal)
            .Select(t => new TagView(t.Kind.ToString().ToLowerInvariant(), t.Label, t.Start, t.End,
                clock.Timecode(t.Start), clock.OutTimecode(t.Start, t.End), t.Confidence, t.Source, t.Value, t.Detail))
            .ToList());
    }
}
