using System.Collections.Concurrent;
using Mam.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Reindexing;

/// <summary>Re-indexes started from the API, run in the background one at a time, so a request can
/// answer at once and the operator follows the progress at a status URL. Kept in memory: a restart
/// ends a run (run it again; it is idempotent) and forgets finished ones.</summary>
public sealed class ReindexRuns(SearchReindex reindex, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ReindexRuns> logger)
{
    /// <summary>Finished runs remembered for their status URL.</summary>
    public const int Remembered = 20;

    private readonly ConcurrentDictionary<Guid, ReindexRun> _runs = new();
    private readonly Lock _starting = new();

    public ReindexRun? Find(Guid id) => _runs.GetValueOrDefault(id);

    /// <summary>Starts the plan in the background, unless a run is going on: then that run, not started.</summary>
    public (ReindexRun Run, bool Started) Start(ReindexPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_starting)
        {
            if (_runs.Values.FirstOrDefault(r => r.State == ReindexRun.Running) is { } running)
            {
                return (running, false);
            }

            Forget();
            var run = new ReindexRun(Guid.NewGuid(), plan, time.GetUtcNow());
            _runs[run.Id] = run;
            run.Completion = Task.Run(() => ExecuteAsync(run, plan, lifetime.ApplicationStopping));
            return (run, true);
        }
    }

    private async Task ExecuteAsync(ReindexRun run, ReindexPlan plan, CancellationToken stopping)
    {
        try
        {
            var final = await reindex.RunAsync(plan, run, stopping).ConfigureAwait(false);
            run.Finish(final, null, time.GetUtcNow());
            logger.LogInformation("Re-index {RunId} finished: {Progress}", run.Id, final);
        }
        catch (Exception e) when (e is SearchUnavailableException or InvalidOperationException or OperationCanceledException)
        {
            var why = e is OperationCanceledException
                ? "The server stopped during the re-index; start it again to finish."
                : $"{e.Message} Clips written so far stay indexed; start the re-index again to finish.";
            run.Finish(run.Progress, why, time.GetUtcNow());
            logger.LogWarning(e, "Re-index {RunId} stopped after {Progress}", run.Id, run.Progress);
        }
    }

    private void Forget()
    {
        foreach (var old in _runs.Values.Where(r => r.State != ReindexRun.Running).OrderByDescending(r => r.StartedAt).Skip(Remembered - 1))
        {
            _runs.TryRemove(old.Id, out _);
        }
    }
}

/// <summary>One background re-index and its latest progress.</summary>
public sealed class ReindexRun : IProgress<ReindexProgress>
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    private volatile ReindexProgress _progress;
    private volatile string _state = Running;

    internal ReindexRun(Guid id, ReindexPlan plan, DateTimeOffset startedAt)
    {
        Id = id;
        StartedAt = startedAt;
        _progress = new ReindexProgress(plan.Project, plan.AssetIds.Count, 0, [], TimeSpan.Zero);
    }

    public Guid Id { get; }

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary><see cref="Running"/>, <see cref="Done"/> or <see cref="Failed"/>.</summary>
    public string State => _state;

    public ReindexProgress Progress => _progress;

    /// <summary>Why the run stopped before the end; null while running and when done.</summary>
    public string? Error { get; private set; }

    /// <summary>Ends when the run has finished or stopped (tests and shutdown wait on it).</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    void IProgress<ReindexProgress>.Report(ReindexProgress value) => _progress = value;

    internal void Finish(ReindexProgress progress, string? error, DateTimeOffset at)
    {
        _progress = progress;
        Error = error;
        FinishedAt = at;
        _state = error is null ? Done : Failed;
    }
}
