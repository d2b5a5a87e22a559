using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Api.Pipeline;
using Mam.Workers.Audit;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Assets;

public static class AssetEndpoints
{
    public const int MaxTake = 500;

    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        var assets = app.MapGroup("/api/assets").WithTags("Assets");
        assets.MapGet("/", ListAsync).RequireAuthorization(Policies.Read).PagedBy($"skip (0 or more) and take (1 to {MaxTake})", "skip", "take")
            .WithSummary("Assets, newest first, with their pipeline state");
        assets.MapGet("/{id:guid}", GetAsync).RequireAssetRight(Right.Read).Audited(AuditActions.ViewClip)
            .WithSummary("One asset: files, technical metadata, renditions, stages")
            .WithDescription("view: the clip page's id for this opening of the clip, which its reports of watched seconds name (POST /api/assets/{id}/watched).");
        assets.MapPost("/{id:guid}/stages/{stage}/retry", RetryAsync).RequireAssetRight(Right.Operate).Audited(AuditActions.Rerun)
            .WithSummary("Run a stage of the clip again (and those after it); a running one runs again when it ends");
        return app;
    }

    private static async Task<Results<Ok<AssetPage>, ProblemHttpResult>> ListAsync(
        HttpContext context, Callers callers, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken,
        string? project = null, string? card = null, int skip = 0, int take = 50)
    {
        if (Paging.Check(take, MaxTake, skip) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Assets.AsNoTracking().VisibleIn(await callers.ReadableProjectsAsync(context, cancellationToken).ConfigureAwait(false));
        if (!string.IsNullOrEmpty(project))
        {
            query = query.Where(a => a.Card!.Project!.Name == project);
        }
        if (!string.IsNullOrEmpty(card))
        {
            query = query.Where(a => a.Card!.Name == card);
        }
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await query
            .Include(a => a.Card).ThenInclude(c => c!.Project)
            .Include(a => a.Stages).Include(a => a.Renditions)
            .OrderByDescending(a => a.CreatedAt).ThenBy(a => a.ClipName)
            .Skip(skip).Take(take).AsSplitQuery()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var items = page.Select(a => new AssetSummary(a.Id, a.ClipName, a.Card!.Project!.Name, a.Card.Name, AssetViews.StateOf(a),
            a.Technical?.DurationSeconds, a.Technical?.StartTimecode,
            a.Renditions.Any(r => r.Kind == RenditionKind.Poster) ? AssetViews.RenditionUrl(a.Id, RenditionKind.Poster) : null,
            AssetViews.Stages(a))).ToList();
        return TypedResults.Ok(new AssetPage(total, skip, take, items));
    }

    private static async Task<Results<Ok<AssetDetail>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken, string? view = null)
    {
        if (view is not null && !WatchedReport.IsViewId(view))
        {
            return ApiProblems.Invalid("view must be the clip page's view id: 1 to 64 letters, digits or dashes.");
        }
        if (http.Audit() is { } audit)
        {
            audit.Detail = view is null ? "API" : $"clip page, view {view}";
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking()
            .Include(a => a.Card).ThenInclude(c => c!.Project)
            .Include(a => a.Stages).Include(a => a.Renditions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        http.Audit()?.Project = asset.Card!.Project!.Name;
        var copies = (await db.FileCopies.AsNoTracking().Where(c => c.CardFile!.AssetId == id).Select(c => new { c.CardFileId, c.LastOutcome })
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(c => c.CardFileId, c => c.LastOutcome);
        var cardFiles = await db.CardFiles.AsNoTracking().Where(f => f.AssetId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var sourceFile = cardFiles.FirstOrDefault(f => f.Id == asset.SourceFileId)?.RelativePath;
        var files = cardFiles
            .OrderBy(f => f.Role).ThenBy(f => f.RelativePath, StringComparer.Ordinal)
            .Select(f => new AssetFileView(f.RelativePath, f.Role.ToString().ToLowerInvariant(), f.Size, f.Xxh64, f.StorageKey,
                copies[f.Id].Count(), AssetViews.Fixity(copies[f.Id])))
            .ToList();
        var segments = await db.TranscriptSegments.CountAsync(s => s.AssetId == id, cancellationToken).ConfigureAwait(false);

        return TypedResults.Ok(new AssetDetail(asset.Id, asset.ClipName, asset.Card!.Project!.Name, asset.Card.Name, asset.CardId,
            AssetViews.StateOf(asset), AssetViews.Technical(asset.Technical, sourceFile), files,
            asset.Renditions.OrderBy(r => r.Kind).Select(r => new RenditionView(r.Kind.ToString().ToLowerInvariant(), r.ContentType, r.Size, AssetViews.RenditionUrl(id, r.Kind))).ToList(),
            AssetViews.Stages(asset), segments, $"/api/assets/{id}/transcript", AssetViews.Qc(asset.Qc), $"/api/assets/{id}/tags",
            AssetViews.Fixity(files.Select(f => f.Fixity))));
    }

    /// <summary>Run one stage of the clip again (and the stages after it), whatever its state; recorded
    /// as a pipeline operation. The clip page's retry button and scripts use it.</summary>
    private static async Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> RetryAsync(
        Guid id, string stage, HttpContext context, Callers callers, PipelineOperations operations, CancellationToken cancellationToken, string? reason = null)
    {
        var asked = new OperationRequest(OperationKind.Rerun, id, null, null, [stage], string.IsNullOrWhiteSpace(reason) ? "Retried from the clip." : reason,
            await PipelineEndpoints.RequesterAsync(context, callers, cancellationToken).ConfigureAwait(false));
        PipelineEndpoints.NoteInAudit(context, asked);
        return await PipelineEndpoints.StartAsync(asked, operations, cancellationToken).ConfigureAwait(false);
    }
}
