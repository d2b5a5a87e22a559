using Mam.Api.Security.Access;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Authentication;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Mam.Workers.Audit;
using Mam.Workers.Pipeline.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Renditions;

public static class RenditionEndpoints
{
    public static IEndpointRouteBuilder MapRenditionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets/{id:guid}").WithTags("Renditions").RequireAssetRight(Right.Read);
        group.MapGet("/proxy", (Guid id, HttpContext http, IDbContextFactory<CatalogDbContext> c, IObjectStore s, RenditionRepairs r, CancellationToken ct) =>
                StreamAsync(id, RenditionKind.Proxy, c, s, r, ct, http))
            .Audited(AuditActions.Stream)
            .WithSummary("The H.264 proxy (supports range requests, for players that seek)");
        group.MapGet("/poster", (Guid id, IDbContextFactory<CatalogDbContext> c, IObjectStore s, RenditionRepairs r, CancellationToken ct) => StreamAsync(id, RenditionKind.Poster, c, s, r, ct))
            .WithSummary("A JPEG poster frame");
        group.MapGet("/filmstrip", (Guid id, IDbContextFactory<CatalogDbContext> c, IObjectStore s, RenditionRepairs r, CancellationToken ct) => StreamAsync(id, RenditionKind.Filmstrip, c, s, r, ct))
            .WithSummary("A JPEG strip of evenly spaced thumbnails");
        group.MapGet("/waveform", (Guid id, IDbContextFactory<CatalogDbContext> c, IObjectStore s, RenditionRepairs r, CancellationToken ct) => StreamAsync(id, RenditionKind.Waveform, c, s, r, ct))
            .WithSummary("The audio waveform as peaks (JSON in audiowaveform's layout: min/max pairs, 50 a second)");
        group.MapGet("/links", LinksAsync)
            .WithSummary("Signed links to the clip's renditions for players that cannot sign in; each names one file and expires (default 1 hour, ?minutes= up to 1440)");
        return app;
    }

    private static async Task<Results<Ok<MediaLinksView>, ProblemHttpResult>> LinksAsync(
        Guid id, HttpContext context, Callers callers, MediaLinks links, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken, int minutes = 60)
    {
        if (minutes is < 1 or > 1440)
        {
            return ApiProblems.Invalid("minutes must be from 1 to 1440: a media link lives at most a day.");
        }
        var caller = (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))!;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var kinds = await db.Renditions.AsNoTracking().Where(r => r.AssetId == id).Select(r => r.Kind).ToListAsync(cancellationToken).ConfigureAwait(false);
        var lifetime = TimeSpan.FromMinutes(minutes);
        var made = kinds.Order().Select(k => links.Create(caller.PersonId, $"/api/assets/{id}/{k.ToString().ToLowerInvariant()}", lifetime)).ToList();
        return TypedResults.Ok(new MediaLinksView(
            kinds.Order().Zip(made, (k, m) => (k.ToString().ToLowerInvariant(), m.Url)).ToDictionary(p => p.Item1, p => p.Url),
            made.Count == 0 ? DateTimeOffset.UtcNow + lifetime : made[0].Expires));
    }

    /// <param name="http">For the proxy: the request whose audit record counts the bytes sent.</param>
    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> StreamAsync(
        Guid id, RenditionKind kind, IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, RenditionRepairs repairs, CancellationToken cancellationToken,
        HttpContext? http = null)
    {
        var audit = http?.Audit();
        if (audit is not null && http!.Request.Headers.Range.Count == 0)
        {
            // Fetched whole (a script, a "save as"), not played: a download of its own, not part of a playback.
            audit.Action = AuditActions.Download;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rendition = await db.Renditions.AsNoTracking().SingleOrDefaultAsync(r => r.AssetId == id && r.Kind == kind, cancellationToken).ConfigureAwait(false);
        if (rendition is null)
        {
            return ApiProblems.NotFound($"Asset {id} has no {kind.ToString().ToLowerInvariant()} (yet). Its stages are listed at /api/assets/{id}.");
        }
        try
        {
            var stream = await store.OpenReadAsync(rendition.StorageKey, cancellationToken).ConfigureAwait(false);
            if (audit is not null)
            {
                stream = new CountingStream(stream, audit);
            }
            return TypedResults.Stream(stream, rendition.ContentType, enableRangeProcessing: stream.CanSeek);
        }
        catch (ObjectNotFoundException)
        {
            // Not a 404 forever: the stage that made it makes it again, and the player asks again later.
            await repairs.ReportMissingAsync(id, kind, cancellationToken).ConfigureAwait(false);
            var problem = ApiProblems.Make("rendition-rebuilding", "Being rebuilt.",
                $"The {kind.ToString().ToLowerInvariant()} of asset {id} was missing from storage and is being made again (see /api/pipeline/operations?asset={id}); try again in a minute or two.",
                StatusCodes.Status503ServiceUnavailable);
            return problem;
        }
    }
}

/// <param name="Links">Rendition kind → a signed path on this server, good without signing in until <paramref name="Expires"/>.</param>
public sealed record MediaLinksView(IReadOnlyDictionary<string, string> Links, DateTimeOffset Expires);
