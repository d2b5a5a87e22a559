using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.Server;
using Hangfire.States;
using Mam.Catalog.Entities;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Operations;
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
public sealed class SearchReindexJob(
    SearchReindex reindex, JobStore store, OperationRecords records, IOptions<JobsOptions> options, TimeProvider time, ILogger<SearchReindexJob> logger)
{
    private const string StartAgain = "Clips written so far stay indexed; start the re-index again to finish.";

    /// <param name="project">Null for every clip.</param>
    /// <param name="operationId">The pipeline operation that records this re-index: its progress and
    /// end are written there too (GET /api/pipeline/operations/{id}).</param>
    /// <param name="context">Hangfire's, passed in place of the null the job is created with.</param>
    /// <returns>The final progress line, which the dashboard shows as the job's result.</returns>
    [ReindexDisplayName]
    public async Task<string> RunAsync(string? project, Guid? operationId, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var turn = await WaitForTurnAsync(context, cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow().UtcDateTime;
        var progress = new StoredProgress(context, startedAt, operationId, records, logger);
        try
        {
            var plan = await reindex.PlanAsync(project, cancellationToken).ConfigureAwait(false);
            var final = await reindex.RunReportingAsync(plan, progress.ReportAsync, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Re-index job {JobId} finished: {Progress}", context.BackgroundJob.Id, final);
            await progress.EndAsync(OperationStatus.Done, final.Refused.Count == 0 ? null
                : $"The search engine refused {final.Refused.Count} clip(s): {string.Join("; ", final.Refused)}").ConfigureAwait(false);
            return final.ToString();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled because the job was deleted on the dashboard (it ends here), or because this host
            // is stopping (Hangfire gives the job back; its next run goes on reporting to the record).
            if (context.Connection.GetStateData(context.BackgroundJob.Id)?.Name == DeletedState.StateName)
            {
                await progress.EndAsync(OperationStatus.Failed, $"The re-index was deleted on the jobs dashboard. {StartAgain}").ConfigureAwait(false);
            }
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await progress.EndAsync(OperationStatus.Failed, $"{e.Message} {StartAgain}").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A job queued by a build from before re-indexes were pipeline operations: runs without a record.</summary>
    [ReindexDisplayName]
    public Task<string> RunAsync(string? project, PerformContext? context, CancellationToken cancellationToken) =>
        RunAsync(project, null, context, cancellationToken);

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

    /// <summary>Writes each report to the job store and to the operation's record. A store or catalog
    /// that cannot be reached only delays what the status URLs show: the re-index goes on.</summary>
    private sealed class StoredProgress(PerformContext context, DateTime startedAt, Guid? operationId, OperationRecords records, ILogger logger)
    {
        private bool _warned;

        public async Task ReportAsync(ReindexProgress value, CancellationToken cancellationToken)
        {
            await KeepGoingAsync(() =>
            {
                ReindexJobProgress.Of(value, startedAt).Write(context.Connection, context.BackgroundJob.Id);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            if (operationId is { } id)
            {
                await KeepGoingAsync(() => records.ReportAsync(id, value.Total, value.Done, cancellationToken)).ConfigureAwait(false);
            }
        }

        /// <summary>Not cancelled with the run: the record must say how it ended.</summary>
        public async Task EndAsync(OperationStatus status, string? error)
        {
            if (operationId is { } id)
            {
                await KeepGoingAsync(() => records.EndAsync(id, status, error, CancellationToken.None)).ConfigureAwait(false);
            }
        }

        private async Task KeepGoingAsync(Func<Task> write)
        {
            try
            {
                await write().ConfigureAwait(false);
            }
            catch (Exception e) when (TransientFailures.IsTransient(e))
            {
                if (!_warned)
                {
                    logger.LogWarning("Re-index job {JobId} cannot record its progress ({Reason}); it goes on writing clips.",
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
