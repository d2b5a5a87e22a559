using Mam.Api.Audit;
using Mam.Api.Security.Access;
using Mam.Api.Problems;
using Mam.Api.Transcripts;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Search;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Search;

public static class SearchEndpoints
{
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).PagedBy($"limit (1 to {MaxLimit})", "limit").WithTags("Search").RequireAuthorization(Policies.Read).Audited(AuditActions.Search)
            .WithSummary("Search dialogue, on-screen text, slates, objects, faces, clip names and metadata")
            .WithDescription("""
                q: words (all must match), "exact phrase", prefix*, a OR b, NOT word / -word.
                Filters (all optional, combined with AND): project, card, camera, codec, resolution (1920x1080),
                from/to (ISO date = whole UTC day, or date and time), tag (repeatable; every tag must be on the clip),
                hasFaces (true/false), qc (pass/warning/fail). An empty q with a filter lists the clips that pass it.
                Answers the flat best hits, the matching clips with every matching timecode, and facet counts.
                """);
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        HttpContext http, Callers callers, ProjectGuard guard, ISearchIndex index, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken,
        string? q = null, string? project = null, string? card = null, string? camera = null, string? from = null, string? to = null,
        string? codec = null, string? resolution = null, string[]? tag = null, string? hasFaces = null, string? qc = null, int limit = 20)
    {
        if (http.Audit() is { } audit)
        {
            audit.Detail = http.Request.QueryText();
            audit.Project = string.IsNullOrWhiteSpace(project) ? null : project.Trim();
        }
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid($"limit must be between 1 and {MaxLimit}.");
        }

        SearchResults results;
        try
        {
            var filter = SearchParameters.Filter(project, card, camera, from, to, codec, resolution, tag, hasFaces, qc) with
            {
                VisibleProjects = await VisibleProjectsAsync(http, callers, guard, cancellationToken).ConfigureAwait(false),
            };
            results = await index.SearchAsync(new SearchRequest(q ?? "", limit) { Filter = filter }, cancellationToken).ConfigureAwait(false);
        }
        catch (SearchQueryException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
        catch (SearchUnavailableException ex)
        {
            // Like an unreachable catalog: temporary, so clients wait and ask again rather than give up.
            http.Response.Headers.RetryAfter = "5";
            return ApiProblems.Make("search-unavailable", "Search is temporarily unavailable.", ex.Message, StatusCodes.Status503ServiceUnavailable);
        }

        var ids = results.Hits.Select(h => h.AssetId).Concat(results.Clips.Select(c => c.AssetId)).Distinct().ToList();
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // Only what the answer shows (names, and the clock for timecodes), not the clips' whole rows.
        var assets = (await db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, a.ClipName, Project = a.Card!.Project!.Name, Card = a.Card.Name, a.Card.Camera, a.Technical })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(a => a.Id, a => new ListedClip(a.ClipName, a.Project, a.Card, a.Camera, ClipClock.For(a.Technical)));

        var hits = results.Hits.Select(h => HitView(h, assets.GetValueOrDefault(h.AssetId))).ToList();
        var clips = results.Clips.Select(c => ClipView(c, assets.GetValueOrDefault(c.AssetId))).ToList();
        var facets = FacetNames.All.ToDictionary(
            name => name,
            name => (IReadOnlyList<FacetValueView>)(results.Facets.TryGetValue(name, out var values)
                ? values.Select(v => new FacetValueView(v.Value, v.Count)).ToList()
                : []),
            StringComparer.Ordinal);
        return TypedResults.Ok(new SearchResponse(results.Query, hits.Count, hits, results.TotalClips, clips, facets));
    }

    /// <summary>The names of the projects the caller may read (null: all), as the index stores them.</summary>
    private static async Task<IReadOnlyList<string>?> VisibleProjectsAsync(HttpContext http, Callers callers, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var readable = await callers.ReadableProjectsAsync(http, cancellationToken).ConfigureAwait(false);
        if (readable is null)
        {
            return null;
        }
        var names = await guard.ProjectNamesAsync(cancellationToken).ConfigureAwait(false);
        return readable.Select(id => names.GetValueOrDefault(id)).OfType<string>().ToList();
    }

    private static SearchHitView HitView(SearchHit h, ListedClip? clip)
    {
        var clock = clip?.Clock ?? ClipClock.For(null);
        return new SearchHitView(h.AssetId, h.ClipName, clip?.Project, clip?.Card, h.Kind, h.Start, h.End,
            h.Start is { } s ? clock.Timecode(s) : null, h.End is { } e ? clock.OutTimecode(h.Start ?? e, e) : null,
            h.Snippet, h.Score, AssetUrl(h.AssetId), ProxyUrl(h.AssetId), PosterUrl(h.AssetId), h.Source, h.Confidence);
    }

    private static SearchClipView ClipView(ClipResult c, ListedClip? clip)
    {
        var clock = clip?.Clock ?? ClipClock.For(null);
        var hits = c.Hits.Select(h => new ClipHitView(h.Kind, h.Source, h.Start, h.End,
            h.Start is { } s ? clock.Timecode(s) : null, h.End is { } e ? clock.OutTimecode(h.Start ?? e, e) : null,
            h.Snippet, h.Score, h.Confidence)).ToList();

        // The catalog is the source of truth for names; the index's copy only stands in for a clip
        // the catalog no longer has (removed while the index still lists it).
        return new SearchClipView(c.AssetId, clip?.ClipName ?? c.ClipName, clip?.Project ?? c.Project,
            clip?.Card ?? c.Card, clip?.Camera ?? c.Camera, c.Score,
            PosterUrl(c.AssetId), ProxyUrl(c.AssetId), $"/clips/{c.AssetId}", AssetUrl(c.AssetId),
            c.RecordedAt, c.Codec, c.Resolution, c.QcStatus, c.HasFaces, hits);
    }

    /// <summary>A listed clip as the catalog has it now; its clock is made once, not per hit.</summary>
    private sealed record ListedClip(string ClipName, string? Project, string? Card, string? Camera, ClipClock Clock);

    private static string AssetUrl(Guid id) => $"/api/assets/{id}";

    private static string ProxyUrl(Guid id) => $"/api/assets/{id}/proxy";

    private static string PosterUrl(Guid id) => $"/api/assets/{id}/poster";
}
