using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Mam.Workers.Jobs;

namespace Mam.Workers.Reindexing;

/// <summary>Starts re-indexes as Hangfire jobs (<see cref="SearchReindexJob"/>) and reads their
/// state back from the job store, so every API host sees every run, whichever host runs it. One
/// re-index at a time: while one is queued or running, starting another answers that one.</summary>
public sealed class ReindexJobs(SearchReindex reindex, JobStore store, IJobFilterProvider filters)
{
    /// <summary>A hash in the job store naming the latest re-index job, so "is one going on?" is one read.</summary>
    private const string LatestKey = "mam:search-reindex";
    private const string LatestField = "latest";

    /// <summary>Counts the clips (the project must exist), then queues the re-index unless one is queued
    /// or running. The job reads the clips' ids itself when it runs.</summary>
    /// <param name="record">Called with the clips counted once it is sure a new run starts (no other is
    /// going on): records the pipeline operation the job reports its progress to, and returns its id.</param>
    /// <returns>The new run, Started; or the run going on, not started.</returns>
    /// <exception cref="ReindexRefusedException">No project of that name, or a blank one.</exception>
    public async Task<(ReindexRun Run, bool Started)> StartAsync(
        string? project, Func<int, CancellationToken, Task<Guid>> record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        project = SearchReindex.ProjectName(project);
        var total = await reindex.CountAsync(project, cancellationToken).ConfigureAwait(false);
        await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
        using var connection = store.Storage.GetConnection();
        using var starting = await LockStartingAsync(connection, cancellationToken).ConfigureAwait(false);
        // Hangfire's storage API is synchronous; these are a few short queries.
        if (connection.GetAllEntriesFromHash(LatestKey)?.GetValueOrDefault(LatestField) is { } latest && Read(connection, latest) is { IsGoingOn: true } going)
        {
            return (going, false);
        }

        var operationId = await record(total, cancellationToken).ConfigureAwait(false);
        var job = Job.FromExpression<SearchReindexJob>(j => j.RunAsync(project, operationId, null, CancellationToken.None));
        var client = new BackgroundJobClient(store.Storage, filters);
        var id = client.Create(job, new EnqueuedState(), new Dictionary<string, object> { [ReindexJobProgress.Name] = ReindexJobProgress.Queued(project, total) })
            ?? throw new InvalidOperationException("The job store did not create the re-index job.");
        connection.SetRangeInHash(LatestKey, [new(LatestField, id)]);
        return (Read(connection, id)!, true);
    }

    /// <summary>Null when the job store has no re-index job of that id (never had, or it expired a
    /// day after it finished, as Hangfire's finished jobs do).</summary>
    public async Task<ReindexRun?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() =>
        {
            using var connection = store.Storage.GetConnection();
            return Read(connection, id);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static ReindexRun? Read(IStorageConnection connection, string id)
    {
        JobData? job;
        try
        {
            job = connection.GetJobData(id);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null; // not an id this store could have given out
        }
        if (job?.Job?.Type != typeof(SearchReindexJob) || ReindexJobProgress.Read(connection, id) is not { } stored)
        {
            return null;
        }
        return ReindexRun.From(id, job, connection.GetStateData(id), stored);
    }

    /// <summary>Two hosts asked at the same instant must not both find nothing going on and both
    /// queue a re-index. The lock is held for a few queries, so waiting a little is enough.</summary>
    private async Task<IDisposable> LockStartingAsync(IStorageConnection connection, CancellationToken cancellationToken)
    {
        for (var tries = 0; ; tries++)
        {
            if (store.TryLockRun(LatestKey + ":starting", connection) is { } held)
            {
                return held;
            }
            if (tries == 50)
            {
                throw new TimeoutException("Another re-index is being started and the job store has not let go of it for 5 seconds; try again.");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
