using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Microsoft.EntityFrameworkCore;
using Mam.Catalog.Entities;
using Mam.Workers.Audit;
using Mam.Workers.Pipeline.Operations;
using Mam.Workers.Pipeline.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Pipeline;

/// <summary>The pipeline's operations: run stages again (any status; new settings or engines), rebuild
/// renditions missing from storage, and their records (re-indexes too: POST /api/search/reindex).
/// Writes need the operate right on the project.</summary>
public static class PipelineEndpoints
{
    public static IEndpointRouteBuilder MapPipelineEndpoints(this IEndpointRouteBuilder app)
    {
        var pipeline = app.MapGroup("/api/pipeline").WithTags("Pipeline");
        pipeline.MapGet("/stages", Stages).NotPaged().RequireAuthorization(Policies.SignedIn).WithSummary("The pipeline's stages, in dispatch order, with what each waits for and makes");
        pipeline.MapPost("/reruns", RerunAsync).RequireAuthorization(Policies.Operate).Audited(AuditActions.Rerun)
            .WithSummary("Run stages again for an asset, a card or a project")
            .WithDescription("""
                Any stage, whatever its state; the stages after it run again too. A stage running now finishes
                its run and then runs again. One asset answers 200 when done; a card or project is a background
                job: 202 with the operation's URL (Location), which tells clips gone through / total.
                """);
        pipeline.MapPost("/rebuilds", RebuildAsync).RequireAuthorization(Policies.Operate).Audited(AuditActions.Rebuild)
            .WithSummary("Rebuild renditions missing from storage for an asset, a card or a project");
        pipeline.MapGet("/operations", ListAsync).NotPaged("answers the newest 200 you may see").RequireAuthorization(Policies.Read).WithSummary("Re-runs, rebuilds and re-indexes, newest first");
        pipeline.MapGet("/operations/{id:guid}", GetAsync).RequireAuthorization(Policies.Read).WithSummary("One operation and its progress");
        return app;
    }

    private static Ok<IReadOnlyList<StageInfo>> Stages() => TypedResults.Ok<IReadOnlyList<StageInfo>>(
        StageRegistry.All.Select(s => new StageInfo(s.Name.Slug, s.Purpose, s.Prerequisites.Select(p => p.Slug).ToList(),
            s.Weight.ToString().ToLowerInvariant(), s.Outputs.Select(o => o.ToString().ToLowerInvariant()).ToList())).ToList());

    private static async Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> RerunAsync(
        RerunRequest request, HttpContext context, Callers callers, ProjectGuard guard, PipelineOperations operations, CancellationToken cancellationToken)
    {
        var asked = new OperationRequest(OperationKind.Rerun, request.Asset, request.Project, request.Card, request.Stages ?? [], request.Reason,
            await RequesterAsync(context, callers, cancellationToken).ConfigureAwait(false));
        NoteInAudit(context, asked);
        return await ScopeRefusedAsync(request.Asset, request.Project, guard, cancellationToken).ConfigureAwait(false) is { } refused
            ? refused
            : await StartAsync(asked, operations, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> RebuildAsync(
        RebuildRequest request, HttpContext context, Callers callers, ProjectGuard guard, PipelineOperations operations, CancellationToken cancellationToken)
    {
        var asked = new OperationRequest(OperationKind.RebuildMissing, request.Asset, request.Project, request.Card, [], request.Reason,
            await RequesterAsync(context, callers, cancellationToken).ConfigureAwait(false));
        NoteInAudit(context, asked);
        return await ScopeRefusedAsync(request.Asset, request.Project, guard, cancellationToken).ConfigureAwait(false) is { } refused
            ? refused
            : await StartAsync(asked, operations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The operate right on the asset's or the named project. What does not exist, or is
    /// not named, an administrator hears about from the operations layer, which also checks the rest
    /// of the request (unknown stages); anyone else learns nothing about other projects.</summary>
    private static async Task<ProblemHttpResult?> ScopeRefusedAsync(Guid? asset, string? project, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var refused = asset is { } id ? await guard.CheckAssetAsync(id, Right.Operate, cancellationToken).ConfigureAwait(false)
            : !string.IsNullOrWhiteSpace(project) ? await guard.CheckByNameAsync(project.Trim(), Right.Operate, mayCreate: false, cancellationToken).ConfigureAwait(false)
            : null;
        return refused is { StatusCode: StatusCodes.Status404NotFound } && await guard.IsAdministratorAsync(cancellationToken).ConfigureAwait(false) ? null : refused;
    }

    /// <summary>Who asked, as recorded on the operation.</summary>
    internal static async Task<string> RequesterAsync(HttpContext context, Callers callers, CancellationToken cancellationToken) =>
        (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))?.Describe() ?? "unknown";

    internal static async Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> StartAsync(
        OperationRequest request, PipelineOperations operations, CancellationToken cancellationToken)
    {
        PipelineOperation operation;
        try
        {
            operation = await operations.StartAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationRefusedException refused)
        {
            return refused.NotFound ? ApiProblems.NotFound(refused.Message) : ApiProblems.Invalid(refused.Message);
        }
        var view = View(operation);
        return operation.Status is OperationStatus.Done or OperationStatus.Failed
            ? TypedResults.Ok(view)
            : TypedResults.Accepted(view.Url, view);
    }

    private static async Task<Ok<IReadOnlyList<OperationView>>> ListAsync(
        HttpContext context, Callers callers, IDbContextFactory<CatalogDbContext> catalog, PipelineOperations operations, CancellationToken cancellationToken,
        Guid? asset = null, string? project = null)
    {
        var listed = await operations.ListAsync(asset, project, 200, cancellationToken).ConfigureAwait(false);
        var visible = await VisibleAsync(listed, context, callers, catalog, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<OperationView>>(visible.Select(View).ToList());
    }

    private static async Task<Results<Ok<OperationView>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, Callers callers, IDbContextFactory<CatalogDbContext> catalog, PipelineOperations operations, CancellationToken cancellationToken) =>
        await operations.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } operation
        && (await VisibleAsync([operation], context, callers, catalog, cancellationToken).ConfigureAwait(false)).Count == 1
            ? TypedResults.Ok(View(operation))
            : ApiProblems.NotFound($"There is no pipeline operation {id}.");

    /// <summary>Operations on projects (or clips of projects) the caller may read.</summary>
    private static async Task<IReadOnlyList<PipelineOperation>> VisibleAsync(
        IReadOnlyList<PipelineOperation> operations, HttpContext context, Callers callers, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var readable = await callers.ReadableProjectsAsync(context, cancellationToken).ConfigureAwait(false);
        if (readable is null)
        {
            return operations;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var names = (await db.Projects.AsNoTracking().Where(p => readable.Contains(p.Id)).Select(p => p.Name).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var assetIds = operations.Where(o => o.AssetId is not null).Select(o => o.AssetId!.Value).Distinct().ToList();
        var readableAssets = (await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id) && readable.Contains(a.Card!.ProjectId)).Select(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        return operations.Where(o => o.AssetId is { } a ? readableAssets.Contains(a) : o.Project is { } p && names.Contains(p)).ToList();
    }

    public static OperationView View(PipelineOperation o) => new(
        o.Id, KindOf(o.Kind), o.Status.ToString().ToLowerInvariant(), OperationScope.Describe(o),
        o.Stages.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => new StageName(s).Slug).ToList(),
        o.Reason, o.RequestedBy, o.RequestedAt, o.FinishedAt, o.Total, o.Processed, o.StagesRequeued, o.StagesDeferred,
        o.MissingFound, o.Error, Url(o.Id));

    /// <summary>What was asked, for the audit trail, whether or not it is taken.</summary>
    internal static void NoteInAudit(HttpContext http, OperationRequest request)
    {
        if (http.Audit() is not { } audit)
        {
            return;
        }
        audit.Project = string.IsNullOrWhiteSpace(request.Project) ? null : request.Project.Trim();
        audit.AssetId = request.AssetId;
        var scope = request.AssetId is { } id ? $"asset {id}"
            : audit.Project is null ? "every clip"
            : request.Card is { } card ? $"card {card} of project {audit.Project}" : $"project {audit.Project}";
        var stages = request.Stages.Count > 0 ? $" ({string.Join(", ", request.Stages)})" : "";
        audit.Detail = $"{scope}{stages}: {request.Reason}";
    }

    internal static string Url(Guid id) => $"/api/pipeline/operations/{id}";

    private static string KindOf(OperationKind kind) => kind switch
    {
        OperationKind.Rerun => "rerun",
        OperationKind.RebuildMissing => "rebuild",
        OperationKind.Reindex => "reindex",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
