using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security;
using Mam.Catalog.Entities;
using Mam.Workers.Audit;
using Mam.Workers.Pipeline.Operations;
using Mam.Workers.Pipeline.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Pipeline;

/// <summary>The pipeline's operations: run stages again (any status; new settings or engines), rebuild
/// renditions missing from storage, and their records (re-indexes too: POST /api/search/reindex).
/// Writes need the API key.</summary>
public static class PipelineEndpoints
{
    /// <summary>Who asked when nobody is signed in: the holder of the API key.</summary>
    internal const string ApiKeyHolder = "API key holder";

    /// <summary>The signed-in person's name, else <see cref="ApiKeyHolder"/>.</summary>
    internal static string RequesterOf(HttpContext http) => Actor.Of(http.User) is { IsAnonymous: false } actor ? actor.Name : ApiKeyHolder;

    public static IEndpointRouteBuilder MapPipelineEndpoints(this IEndpointRouteBuilder app)
    {
        var pipeline = app.MapGroup("/api/pipeline").WithTags("Pipeline");
        pipeline.MapGet("/stages", Stages).WithSummary("The pipeline's stages, in dispatch order, with what each waits for and makes");
        pipeline.MapPost("/reruns", RerunAsync).RequireApiKey().Audited(AuditActions.Rerun)
            .WithSummary("Run stages again for an asset, a card or a project")
            .WithDescription("""
                Any stage, whatever its state; the stages after it run again too. A stage running now finishes
                its run and then runs again. One asset answers 200 when done; a card or project is a background
                job: 202 with the operation's URL (Location), which tells clips gone through / total.
                """);
        pipeline.MapPost("/rebuilds", RebuildAsync).RequireApiKey().Audited(AuditActions.Rebuild)
            .WithSummary("Rebuild renditions missing from storage for an asset, a card or a project");
        pipeline.MapGet("/operations", ListAsync).WithSummary("Re-runs, rebuilds and re-indexes, newest first");
        pipeline.MapGet("/operations/{id:guid}", GetAsync).WithSummary("One operation and its progress");
        return app;
    }

    private static Ok<IReadOnlyList<StageInfo>> Stages() => TypedResults.Ok<IReadOnlyList<StageInfo>>(
        StageRegistry.All.Select(s => new StageInfo(s.Name.Slug, s.Purpose, s.Prerequisites.Select(p => p.Slug).ToList(),
            s.Weight.ToString().ToLowerInvariant(), s.Outputs.Select(o => o.ToString().ToLowerInvariant()).ToList())).ToList());

    private static Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> RerunAsync(
        RerunRequest request, HttpContext http, PipelineOperations operations, CancellationToken cancellationToken) =>
        StartAsync(new OperationRequest(OperationKind.Rerun, request.Asset, request.Project, request.Card, request.Stages ?? [], request.Reason, RequesterOf(http)),
            http, operations, cancellationToken);

    private static Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> RebuildAsync(
        RebuildRequest request, HttpContext http, PipelineOperations operations, CancellationToken cancellationToken) =>
        StartAsync(new OperationRequest(OperationKind.RebuildMissing, request.Asset, request.Project, request.Card, [], request.Reason, RequesterOf(http)),
            http, operations, cancellationToken);

    internal static async Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> StartAsync(
        OperationRequest request, HttpContext http, PipelineOperations operations, CancellationToken cancellationToken)
    {
        NoteInAudit(http, request);
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
        PipelineOperations operations, CancellationToken cancellationToken, Guid? asset = null, string? project = null) =>
        TypedResults.Ok<IReadOnlyList<OperationView>>((await operations.ListAsync(asset, project, 200, cancellationToken).ConfigureAwait(false)).Select(View).ToList());

    private static async Task<Results<Ok<OperationView>, ProblemHttpResult>> GetAsync(
        Guid id, PipelineOperations operations, CancellationToken cancellationToken) =>
        await operations.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } operation
            ? TypedResults.Ok(View(operation))
            : ApiProblems.NotFound($"There is no pipeline operation {id}.");

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
            : request.Project is null ? "every clip"
            : request.Card is { } card ? $"card {card} of project {request.Project}" : $"project {request.Project}";
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
