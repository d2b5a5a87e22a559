using Mam.Api.Problems;
using Mam.Api.Transcripts;
using Mam.Core.Catalog;
using Mam.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Search;

public sealed record SearchResponse(string Query, int Count, IReadOnlyList<SearchHitView> Hits);

/// <summary>A hit an editor can act on: which clip, where in it (SMPTE in/out from the clip's start
/// timecode), and the matched words in context (HTML with &lt;mark&gt;).</summary>
public sealed record SearchHitView(
    Guid AssetId,
    string ClipName,
    string? Project,
    string? Card,
    string Kind,
    double? Start,
    double? End,
    string? TimecodeIn,
    string? TimecodeOut,
    string Snippet,
    double Score,
    string AssetUrl,
    string ProxyUrl,
    string PosterUrl);

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).WithTags("Search")
            .WithSummary("Search dialogue, clip names and metadata; phrases in quotes, prefix with *");
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        ISearchIndex index, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken,
        string? q = null, string? project = null, int limit = 20)
    {
        if (limit is < 1 or > 200)
        {
            return ApiProblems.Invalid("limit must be between 1 and 200.");
        }

        SearchResults results;
        try
        {
            results = await index.SearchAsync(new SearchRequest(q ?? "", limit, string.IsNullOrWhiteSpace(project) ? null : project), cancellationToken).ConfigureAwait(false);
        }
        catch (SearchQueryException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }

        var ids = results.Hits.Select(h => h.AssetId).Distinct().ToList();
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var assets = await db.Assets.AsNoTracking().Include(a => a.Card).ThenInclude(c => c!.Project)
            .Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken).ConfigureAwait(false);

        var hits = results.Hits.Select(h =>
        {
            assets.TryGetValue(h.AssetId, out var asset);
            var clock = ClipClock.For(asset?.Technical);
            return new SearchHitView(h.AssetId, h.ClipName, asset?.Card?.Project?.Name, asset?.Card?.Name, h.Kind, h.Start, h.End,
                h.Start is { } s ? clock.Timecode(s) : null, h.End is { } e ? clock.Timecode(e) : null,
                h.Snippet, h.Score, $"/api/assets/{h.AssetId}", $"/api/assets/{h.AssetId}/proxy", $"/api/assets/{h.AssetId}/poster");
        }).ToList();
        return TypedResults.Ok(new SearchResponse(results.Query, hits.Count, hits));
    }
}
