using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Jobs;

/// <summary>The rules every <see cref="IRecurringJob"/> gets, declared once here rather than as
/// attributes on each job: one run at a time across every host sharing the job store, and no
/// automatic retries, because the next scheduled run is the retry (a failed run stays on the
/// dashboard's Failed list for operators to see).</summary>
public sealed class RecurringJobRules(ILogger<OneRunAtATimeFilter> logger) : IJobFilterProvider
{
    private readonly JobFilter[] _filters =
    [
        new(new OneRunAtATimeFilter(logger), JobFilterScope.Type, null),
        new(new AutomaticRetryAttribute { Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail }, JobFilterScope.Type, null),
    ];

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        job is not null && typeof(IRecurringJob).IsAssignableFrom(job.Type) ? _filters : [];
}

/// <summary>Takes the job store's distributed lock for the job before it runs, without waiting:
/// when another host (or another worker here) still runs the same job, this run is skipped — it
/// shows as Deleted, "Canceled by filter 'OneRunAtATimeFilter'", and the next tick catches up.
/// Unlike Hangfire's DisableConcurrentExecution, nothing waits for the lock or fails for want of it.
/// The PostgreSQL store frees a lock its holder never released after 10 minutes (its
/// DistributedLockTimeout); a job that may run longer needs locks of its own.</summary>
public sealed class OneRunAtATimeFilter(ILogger<OneRunAtATimeFilter> logger) : IServerFilter
{
    private const string LockItem = "mam:one-run-at-a-time";

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.BackgroundJob.Job;
        try
        {
            context.Items[LockItem] = context.Connection.AcquireDistributedLock($"mam:recurring:{job.Type.FullName}", TimeSpan.Zero);
        }
        catch (DistributedLockTimeoutException)
        {
            logger.LogInformation("Skipped {Job} (run {RunId}): another run is still going on this or another host; the next tick catches up.",
                job.Type.Name, context.BackgroundJob.Id);
            context.Canceled = true;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(LockItem, out var held) && held is IDisposable distributedLock)
        {
            distributedLock.Dispose();
        }
    }
}
