namespace Mam.Workers.Jobs;

/// <summary>A background job that runs on a schedule rather than per clip (the pipeline reconciler;
/// fixity audits, lifecycle moves and restores next). Resolved from a fresh DI scope for each run.
/// Every recurring job gets the rules in <see cref="RecurringJobRules"/>.</summary>
public interface IRecurringJob
{
    /// <param name="cancellationToken">Fires when the server shuts down or the run is deleted on the dashboard.</param>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>One line of the list of recurring jobs: its id on the dashboard, its type, and its
/// schedule as a cron expression (5 parts, or 6 with seconds), read from options at start.</summary>
public sealed record RecurringJobDefinition(string Id, Type JobType, Func<IServiceProvider, string> Schedule);
