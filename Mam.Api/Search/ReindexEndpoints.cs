using Mam.Api.Audit;
using Mam.Api.Security.Access;
using Mam.Api.Jobs;
using Mam.Api.Pipeline;
using Mam.Api.Problems;
using Mam.Api.Security;
using Mam.Catalog.Entities;
using Mam.Workers.Audit;
using Mam.Workers.Pipeline.Operations;
using Mam.Workers.Reindexing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Search;

/// <summary>POST /api/search/reindex?reason=…[&amp;project=NAME] queues a re-index of the catalog into the
/// configured search engine as a background job (<see cref="ReindexJobs"/>), recorded as a pipeline
/// operation with its reason (<see cref="PipelineOperations"/>), and answers 202 with a status URL to
/// follow its progress, from any API host. Administrators' routes.</summary>
public static class ReindexEndpoints
{
    public static IEndpointRouteBuilder MapReindexEndpoints(this IEndpointRouteBuilder app)
    {
        var reindex = app.MapGroup("/api/search/reindex").WithTags("Search").RequireAuthorization(Policies.Administrator);
        reindex.MapPost("", StartAsync).Audited(AuditActions.Reindex)
            .WithSummary("Re-index every clip, or one project's, into the configured search engine")
            .WithDescription("""
                Fills a newly configured cluster or a new index from the catalog without running the pipeline
                again. Say why (reason): it is recorded as a pipeline operation (operationUrl; listed by
                GET /api/pipeline/operations with its progress). Runs as a background job on whichever host
                runs a job server (it shows on /jobs): the answer is 202 with the status URL (Location), which
                tells the state, clips done / total and clips per second. One re-index at a time (409 while one
                is queued or running).
                """);
        reindex.MapGet("{id:long:min(1)}", StatusAsync).WithSummary("Progress of a re-index");
        return app;
    }

    private static async Task<Results<Accepted<ReindexStatus>, ProblemHttpResult>> StartAsync(
        HttpContext http, Callers callers, PipelineOperations operations, CancellationToken cancellationToken, string? project = null, string? reason = null)
    {
        var request = new OperationRequest(OperationKind.Reindex, null, project, null, [], reason,
            await PipelineEndpoints.RequesterAsync(http, callers, cancellationToken).ConfigureAwait(false));
        PipelineEndpoints.NoteInAudit(http, request);
        // ?project= (an empty form field) is a mistake, not a request for every clip: leave it out for that.
        if (project is not null && string.IsNullOrWhiteSpace(project))
        {
            return ApiProblems.Invalid("The project name is blank; name a project, or leave project out to re-index every clip.",
                new Dictionary<string, string[]> { ["project"] = ["A project name is required when project is given."] });
        }

        PipelineOperation? operation;
        ReindexRun run;
        try
        {
            (operation, run) = await operations.StartReindexAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationRefusedException refused)
        {
            return refused.NotFound ? ApiProblems.NotFound(refused.Message) : ApiProblems.Invalid(refused.Message);
        }

        if (operation is null)
        {
            var operationUrl = run.OperationId is { } id ? $" (operation {PipelineEndpoints.Url(id)})" : "";
            return ApiProblems.Make("reindex-running", "A re-index is already queued or running.",
                $"Follow it at {StatusUrl(run.Id)}{operationUrl}, and start this one when it has finished.", StatusCodes.Status409Conflict);
        }

        return TypedResults.Accepted(StatusUrl(run.Id), ReindexStatus.Of(run));
    }

    private static async Task<Results<Ok<ReindexStatus>, ProblemHttpResult>> StatusAsync(long id, ReindexJobs jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false) is { } run
            ? TypedResults.Ok(ReindexStatus.Of(run))
            : ApiProblems.NotFound($"No re-index {id} is known to the job store (finished runs are kept for a day).");

    internal static string StatusUrl(string id) => $"/api/search/reindex/{id}";
}

/// <param name="Id">The background job's id; <paramref name="JobUrl"/> is its page on the jobs dashboard.</param>
/// <param name="State">queued, running, done, failed or cancelled.</param>
/// <param name="Project">The project re-indexed, or null for every clip.</param>
/// <param name="Refused">Clips the search engine would not take, each with the reason.</param>
/// <param name="Error">Why a failed or cancelled run stopped.</param>
/// <param name="OperationUrl">The pipeline operation recording it, with its reason and who asked.</param>
public sealed record ReindexStatus(
    string Id, string State, string? Project, int Total, int Done, double ClipsPerSecond, IReadOnlyList<string> Refused,
    string? Error, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string StatusUrl, string JobUrl,
    string? OperationUrl)
{
    public static ReindexStatus Of(ReindexRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var progress = run.Progress;
        return new ReindexStatus(run.Id, run.State, progress.Project, progress.Total, progress.Done, Math.Round(progress.ClipsPerSecond, 1),
            progress.Refused, run.Error, run.QueuedAt, run.StartedAt, run.FinishedAt, ReindexEndpoints.StatusUrl(run.Id),
            $"{JobsDashboardEndpoints.Path}/jobs/details/{run.Id}", run.OperationId is { } id ? PipelineEndpoints.Url(id) : null);
    }
}
