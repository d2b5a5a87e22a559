using Mam.Api.Problems;
using Mam.Api.Security;
using Mam.Workers.Reindexing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Search;

/// <summary>POST /api/search/reindex[?project=NAME] starts a re-index of the catalog into the configured
/// search engine (<see cref="SearchReindex"/>) and answers 202 with a status URL to follow its progress.
/// Operators' routes: both need the API key.</summary>
public static class ReindexEndpoints
{
    public static IEndpointRouteBuilder MapReindexEndpoints(this IEndpointRouteBuilder app)
    {
        var reindex = app.MapGroup("/api/search/reindex").WithTags("Search").RequireApiKey();
        reindex.MapPost("", StartAsync)
            .WithSummary("Re-index every clip, or one project's, into the configured search engine")
            .WithDescription("""
                Fills a newly configured cluster or a new index from the catalog without running the pipeline
                again. Runs in the background: the answer is 202 with the status URL (Location), which tells
                clips done / total and clips per second. One re-index runs at a time (409 while one runs).
                """);
        reindex.MapGet("{id:guid}", Status).WithSummary("Progress of a re-index");
        return app;
    }

    private static async Task<Results<Accepted<ReindexStatus>, ProblemHttpResult>> StartAsync(
        SearchReindex reindex, ReindexRuns runs, CancellationToken cancellationToken, string? project = null)
    {
        ReindexPlan plan;
        try
        {
            plan = await reindex.PlanAsync(project, cancellationToken).ConfigureAwait(false);
        }
        catch (ReindexRefusedException e)
        {
            return ApiProblems.NotFound(e.Message);
        }

        var (run, started) = runs.Start(plan);
        if (!started)
        {
            return ApiProblems.Make("reindex-running", "A re-index is already running.",
                $"Follow it at {StatusUrl(run.Id)}, and start this one when it has finished.", StatusCodes.Status409Conflict);
        }

        return TypedResults.Accepted(StatusUrl(run.Id), ReindexStatus.Of(run));
    }

    private static Results<Ok<ReindexStatus>, ProblemHttpResult> Status(Guid id, ReindexRuns runs) =>
        runs.Find(id) is { } run
            ? TypedResults.Ok(ReindexStatus.Of(run))
            : ApiProblems.NotFound($"No re-index {id} is known here (runs are forgotten when the server restarts).");

    internal static string StatusUrl(Guid id) => $"/api/search/reindex/{id}";
}

/// <param name="State">running, done or failed.</param>
/// <param name="Project">The project re-indexed, or null for every clip.</param>
/// <param name="Refused">Clips the search engine would not take, each with the reason.</param>
/// <param name="Error">Why a failed run stopped.</param>
public sealed record ReindexStatus(
    Guid Id, string State, string? Project, int Total, int Done, double ClipsPerSecond, IReadOnlyList<string> Refused,
    string? Error, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string StatusUrl)
{
    public static ReindexStatus Of(ReindexRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var progress = run.Progress;
        return new ReindexStatus(run.Id, run.State, progress.Project, progress.Total, progress.Done, Math.Round(progress.ClipsPerSecond, 1),
            progress.Refused, run.Error, run.StartedAt, run.FinishedAt, ReindexEndpoints.StatusUrl(run.Id));
    }
}
