using Mam.Api.Problems;
using Mam.Api.Security;
using Mam.Catalog.Entities;
using Mam.Workers.Pipeline.Operations;
using Mam.Workers.Pipeline.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Pipeline;

/// <summary>The pipeline's operations: run stages again (any status; new settings or engines), rebuild
/// renditions missing from storage, and their records (re-indexes too: POST /api/search/reindex).
/// Writes need the API key.</summary>
public static class PipelineEndpoints
{
    /// <summary>Who asked, until people sign in (#12): the holder of the API key.</summary>
    internal const string ApiKeyHolder = "API key holder";

    public static IEndpointRouteBuilder MapPipelineEndpoints(this IEndpointRouteBuilder app)
    {
        var pipeline = app.MapGroup("/api/pipeline").WithTags("Pipeline");
        pipeline.MapGet("/stages", Stages).WithSummary("The pipeline's stages, in dispatch order, with what each waits for and makes");
        pipeline.MapPost("/reruns", RerunAsync).RequireApiKey()
            .WithSummary("Run stages again for an asset, a card or a project")
            .WithDescription("""
                Any stage, whatever its state; the stages after it run again too. A stage running now finishes
                its run and then runs again. One asset answers 200 when done; a card or project is a background
                job: 202 with the operation's URL (Location), which tells clips gone through / total.
                """);
        pipeline.MapPost("/rebuilds", RebuildAsync).RequireApiKey()
            .WithSummary("Rebuild renditions missing from storage for an asset, a card or a project");
        pipeline.MapGet("/operations", ListAsync).WithSummary("Re-runs, rebuilds and re-indexes, newest first");
        pipeline.MapGet("/operations/{id:guid}", GetAsync).WithSummary("One operation and its progress");
        return app;
    }

    private static Ok<IReadOnlyList<StageInfo>> Stages() => TypedResults.Ok<IReadOnlyList<StageInfo>>(
        StageRegistry.All.Select(s => new StageInfo(s.Name.Slug, s.Purpose, s.Prerequisites.Select(p => p.Slug).ToList(),
            s.Weight.ToString().ToLowerInvariant(), s.Outputs.Select(o => o.ToString().ToLowerInvariant()).ToList())).ToList());

    private static Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> RerunAsync(
        RerunRequest request, PipelineOperations operations, CancellationToken cancellationToken) =>
        StartAsync(new OperationRequest(OperationKind.Rerun, request.Asset, request.Project, request.Card, request.Stages ?? [], request.Reason, ApiKeyHolder),
            operations, cancellationToken);

    private static Task<Results<Ok<OperationView>, Accepted<OperationView>, ProblemHttpResult>> RebuildAsync(
        RebuildRequest request, PipelineOperations operations, CancellationToken cancellationToken) =>
        StartAsync(new OperationRequest(OperationKind.RebuildMissing, request.Asset, request.Project, request.Card, [], request.Reason, ApiKeyHolder),
            operations, cancellationToken);

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

    internal static string Url(Guid id) => $"/api/pipeline/operations/{id}";

    private static string KindOf(OperationKind kind) => kind switch
    {
        OperationKind.Rerun => "rerun",
        OperationKind.RebuildMissing => "rebuild",
        OperationKind.Reindex => "reindex",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
