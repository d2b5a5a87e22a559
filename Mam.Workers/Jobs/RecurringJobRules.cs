using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Jobs;

/// <summary>The rules every <see cref="IRecurringJob"/> gets, declared once here rather than as
/// attributes on each job: one run at a time across every host sharing the job store, and no
/// automatic retries, because the next scheduled run is the retry (a failed run stays on the
/// dashboard's Failed list for operators to see).</summary>
public sealed class RecurringJobRules(JobStore store, ILogger<OneRunAtATimeFilter> logger) : IJobFilterProvider
{
    private readonly JobFilter[] _filters =
    [
        new(new OneRunAtATimeFilter(store, logger), JobFilterScope.Type, null),
        new(new AutomaticRetryAttribute { Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail }, JobFilterScope.Type, null),
    ];

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        job is not null && typeof(IRecurringJob).IsAssignableFrom(job.Type) ? _filters : [];
}

/// <summary>Takes the job store's run lock for the job before it runs, without waiting (see
/// <see cref="JobStore.TryLockRun"/>): when another host, or another worker here, still runs the same
/// job, this run is skipped — the dashboard shows it as Deleted, "Canceled by filter
/// 'OneRunAtATimeFilter'" — and the next scheduled run catches up. Unlike Hangfire's
/// DisableConcurrentExecution, nothing waits for the lock or fails for want of it.</summary>
public sealed class OneRunAtATimeFilter(JobStore store, ILogger<OneRunAtATimeFilter> logger) : IServerFilter
{
    private const string LockItem = "mam:one-run-at-a-time";

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.BackgroundJob.Job;
        var runLock = store.TryLockRun(job.Type.FullName!, context.Connection);
        if (runLock is null)
        {
            logger.LogInformation("Skipped {Job} (run {RunId}): another run is still going on this or another host; the next scheduled run catches up.",
                job.Type.Name, context.BackgroundJob.Id);
            context.Canceled = true;
            return;
        }
        context.Items[LockItem] = runLock;
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(LockItem, out var held) && held is IDisposable runLock)
        {
            runLock.Dispose();
        }
    }
}
