using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Mam.Workers.Jobs;

namespace Mam.Workers.Restores;

/// <summary>Queues <see cref="RestoreCutJob"/> in the shared job store: whichever host runs a job server
/// (a worker, or the API with embedded workers) makes the cut.</summary>
public sealed class RestoreCutJobs(JobStore store, IJobFilterProvider filters)
{
    public async Task QueueAsync(Guid restoreId, CancellationToken cancellationToken)
    {
        await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var client = new BackgroundJobClient(store.Storage, filters);
        _ = client.Create(Job.FromExpression<RestoreCutJob>(j => j.RunAsync(restoreId, CancellationToken.None)), new EnqueuedState())
            ?? throw new InvalidOperationException("The job store did not take the cut's job.");
    }
}
