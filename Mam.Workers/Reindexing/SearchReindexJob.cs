using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.Server;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Reindexing;

/// <summary>A re-index started from the API, as a one-off Hangfire job: it runs on whichever host runs
/// a job server, keeps its progress in the shared job store (<see cref="ReindexJobProgress"/>) and
/// shows on the /jobs dashboard. A host that stops hands it back to the queue at once; one that dies
/// leaves it to be fetched again after the store's invisibility timeout; either way another run
/// writes every clip again, which is harmless (the re-index is idempotent).</summary>
/// <remarks>No automatic retries: what stops a re-index (the search engine down or refusing the
/// key, the project deleted meanwhile) rarely passes within Hangfire's retry delays, and each retry
/// would start from the first clip again. A failed run stays Failed with the reason on the status
/// URL and the dashboard; the operator runs it again (POST, or Requeue on the dashboard).</remarks>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class SearchReindexJob(SearchReindex reindex, JobStore store, IOptions<JobsOptions> options, TimeProvider time, ILogger<SearchReindexJob> logger)
{
    /// <param name="project">Null for every clip.</param>
    /// <param name="context">Hangfire's, passed in place of the null the job is created with.</param>
    /// <returns>The final progress line, which the dashboard shows as the job's result.</returns>
    [ReindexDisplayName]
    public async Task<string> RunAsync(string? project, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var turn = await WaitForTurnAsync(context, cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow().UtcDateTime;
        var plan = await reindex.PlanAsync(project, cancellationToken).ConfigureAwait(false);
        var final = await reindex.RunAsync(plan, new StoredProgress(context, startedAt, logger), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Re-index job {JobId} finished: {Progress}", context.BackgroundJob.Id, final);
        return final.ToString();
    }

    /// <summary>One re-index at a time across every host: the store's run lock, waited for rather
    /// than given up: two jobs created at once write one after the other. And should a job be handed
    /// out a second time while its first run goes on (a run longer than the SQLite store's fixed
    /// invisibility timeout), Hangfire aborts the first within seconds; the second waits here until
    /// the first has stopped writing, then runs the whole plan.</summary>
    private async Task<IDisposable> WaitForTurnAsync(PerformContext context, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            if (store.TryLockRun(typeof(SearchReindexJob).FullName!, context.Connection) is { } held)
            {
                return held;
            }
            if (!waited)
            {
                logger.LogInformation("Re-index job {JobId} waits: another re-index is still running.", context.BackgroundJob.Id);
                waited = true;
            }
            await Task.Delay(options.Value.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes each report to the job store. A store that cannot be reached only delays what
    /// the status URL shows: the re-index goes on.</summary>
    private sealed class StoredProgress(PerformContext context, DateTime startedAt, ILogger logger) : IProgress<ReindexProgress>
    {
        private bool _warned;

        public void Report(ReindexProgress value)
        {
            try
            {
                ReindexJobProgress.Of(value, startedAt).Write(context.Connection, context.BackgroundJob.Id);
            }
            catch (Exception e) when (TransientFailures.IsTransient(e))
            {
                if (!_warned)
                {
                    logger.LogWarning("Re-index job {JobId} cannot record its progress in the job store ({Reason}); it goes on writing clips.",
                        context.BackgroundJob.Id, e.Message);
                    _warned = true;
                }
            }
        }
    }
}

/// <summary>"Search re-index: every clip" or "Search re-index: Harbour Film" on the dashboard.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReindexDisplayNameAttribute() : JobDisplayNameAttribute("Search re-index")
{
    public override string Format(DashboardContext context, Job job) =>
        job?.Args.Count > 0 && job.Args[0] is string project ? $"Search re-index: {project}" : "Search re-index: every clip";
}
