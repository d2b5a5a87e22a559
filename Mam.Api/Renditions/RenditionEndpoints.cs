using Mam.Api.Problems;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Renditions;

public static class RenditionEndpoints
{
    public static IEndpointRouteBuilder MapRenditionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets/{id:guid}").WithTags("Renditions");
        group.MapGet("/proxy", (Guid id, IDbContextFactory<CatalogDbContext> c, IObjectStore s, CancellationToken ct) => StreamAsync(id, RenditionKind.Proxy, c, s, ct))
            .WithSummary("The H.264 proxy (supports range requests, for players that seek)");
        group.MapGet("/poster", (Guid id, IDbContextFactory<CatalogDbContext> c, IObjectStore s, CancellationToken ct) => StreamAsync(id, RenditionKind.Poster, c, s, ct))
            .WithSummary("A JPEG poster frame");
        group.MapGet("/filmstrip", (Guid id, IDbContextFactory<CatalogDbContext> c, IObjectStore s, CancellationToken ct) => StreamAsync(id, RenditionKind.Filmstrip, c, s, ct))
            .WithSummary("A JPEG strip of evenly spaced thumbnails");
        return app;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> StreamAsync(
        Guid id, RenditionKind kind, IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rendition = await db.Renditions.AsNoTracking().SingleOrDefaultAsync(r => r.AssetId == id && r.Kind == kind, cancellationToken).ConfigureAwait(false);
        if (rendition is null)
        {
            return ApiProblems.NotFound($"Asset {id} has no {kind.ToString().ToLowerInvariant()} (yet). Its stages are listed at /api/assets/{id}.");
        }
        try
        {
            var stream = await store.OpenReadAsync(rendition.StorageKey, cancellationToken).ConfigureAwait(false);
            return TypedResults.Stream(stream, rendition.ContentType, enableRangeProcessing: stream.CanSeek);
        }
        catch (ObjectNotFoundException)
        {
            return ApiProblems.NotFound($"The {kind.ToString().ToLowerInvariant()} of asset {id} is catalogued but missing from storage; retry the proxy stage to remake it.");
        }
    }
}
