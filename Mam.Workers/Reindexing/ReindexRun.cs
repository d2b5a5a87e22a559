using Hangfire.Common;
using Hangfire.Storage;

namespace Mam.Workers.Reindexing;

/// <summary>One re-index job as the job store knows it: its state, its latest progress, and why it
/// stopped if it did.</summary>
/// <param name="Id">The Hangfire job id (the dashboard shows it as #id).</param>
/// <param name="State">One of <see cref="Queued"/>, <see cref="Running"/>, <see cref="Done"/>, <see cref="Failed"/>, <see cref="Cancelled"/>.</param>
/// <param name="StartedAt">When the run that wrote <paramref name="Progress"/> began; null while queued.</param>
/// <param name="FinishedAt">When it succeeded, failed or was deleted.</param>
/// <param name="OperationId">The pipeline operation that records it (null for a job queued by a build
/// before re-indexes were operations).</param>
public sealed record ReindexRun(
    string Id, string State, ReindexProgress Progress, string? Error, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    Guid? OperationId)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Queued or running: another re-index would have to wait for it.</summary>
    public bool IsGoingOn => State is Queued or Running;

    internal static ReindexRun From(string id, JobData job, StateData? current, ReindexJobProgress stored)
    {
        var stateName = current?.Name ?? job.State;
        var data = current?.Data ?? new Dictionary<string, string>();
        var (state, finishedAtKey, error) = stateName switch
        {
            // Hangfire's state names (ProcessingState.StateName…, not constants).
            "Processing" => (Running, null, null),
            "Succeeded" => (Done, "SucceededAt", null),
            "Failed" => (Failed, "FailedAt",
                $"{(data.TryGetValue("ExceptionMessage", out var message) ? message : "")} Clips written so far stay indexed; start the re-index again to finish."),
            "Deleted" => (Cancelled, "DeletedAt",
                "The re-index was deleted on the jobs dashboard. Clips written so far stay indexed; start it again to finish."),
            // Enqueued, Scheduled, Awaiting: waiting for a job server.
            _ => (Queued, (string?)null, (string?)null),
        };
        var finishedAt = finishedAtKey is not null && data.TryGetValue(finishedAtKey, out var at) ? JobHelper.DeserializeNullableDateTime(at) : null;
        // RunAsync(project, operationId, context, token); the older job method had no operation id.
        var operationId = job.Job.Args is [_, Guid operation, _, _] ? operation : (Guid?)null;
        return new ReindexRun(id, state, stored.Progress, error, Utc(job.CreatedAt), state == Queued ? null : Utc(stored.StartedAt), Utc(finishedAt), operationId);
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;
}
