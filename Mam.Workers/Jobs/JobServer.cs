using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Jobs;

/// <summary>This process's Hangfire server. It waits, without holding up start-up, until the job
/// store answers; then it (re-)registers every recurring job — so a store that was wiped or replaced
/// gets them back — and runs jobs until the host stops. Once running, Hangfire itself rides out a
/// store that goes away and comes back: its processes retry until the store answers again.</summary>
public sealed class JobServer(
    JobStore store,
    IEnumerable<RecurringJobDefinition> recurringJobs,
    IServiceProvider services,
    IOptions<JobsOptions> options,
    ILogger<JobServer> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private BackgroundJobServer? _server;
    private Task? _shutdown;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!await WaitForStoreAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = $"{Environment.MachineName}:{Environment.ProcessId}",
            WorkerCount = options.Value.WorkerCount,
            SchedulePollingInterval = options.Value.PollInterval,
            Activator = services.GetRequiredService<JobActivator>(),
            FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
            TimeZoneResolver = services.GetRequiredService<ITimeZoneResolver>(),
        }, store.Storage);
        logger.LogInformation("Running background jobs from the {Store}", store.Description);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // One shutdown, however many callers: a host can be stopped twice at once (under
        // WebApplicationFactory the program's RunAsync and the factory's dispose both stop it), and a
        // caller that returned early would let its host dispose the job store under the other's feet.
        Task shutdown;
        lock (_gate)
        {
            shutdown = _shutdown ??= ShutDownAsync();
        }
        // Running jobs see their CancellationToken fire; wait for them as long as this caller allows.
        await shutdown.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task ShutDownAsync()
    {
        if (_server is not { } server)
        {
            return Task.CompletedTask;
        }
        server.SendStop();
        return server.WaitForShutdownAsync(CancellationToken.None);
    }

    public override void Dispose()
    {
        _server?.Dispose();
        base.Dispose();
    }

    private async Task<bool> WaitForStoreAsync(CancellationToken stoppingToken)
    {
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.PrepareAsync(stoppingToken).ConfigureAwait(false);
                RegisterRecurringJobs();
                if (warned)
                {
                    logger.LogInformation("The job store ({Store}) answers again; background jobs resume.", store.Description);
                }
                return true;
            }
            catch (Exception ex) when (Pipeline.TransientFailures.IsTransient(ex))
            {
                if (!warned)
                {
                    logger.LogWarning("The job store ({Store}) cannot be reached: {Reason} Background jobs (the pipeline reconciler) wait until it answers, trying every {Interval}; uploads, searches and clip processing carry on.",
                        store.Description, ex.Message, options.Value.PollInterval);
                    warned = true;
                }
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }
        return false;
    }

    private void RegisterRecurringJobs()
    {
        var manager = new RecurringJobManager(store.Storage, services.GetRequiredService<IJobFilterProvider>(), services.GetRequiredService<ITimeZoneResolver>());
        foreach (var definition in recurringJobs)
        {
            var run = definition.JobType.GetMethod(nameof(IRecurringJob.RunAsync), [typeof(CancellationToken)])!;
            // Hangfire passes each run a token of its own in place of this placeholder.
            var job = new Job(definition.JobType, run, CancellationToken.None);
            manager.AddOrUpdate(definition.Id, job, definition.Schedule(services), new RecurringJobOptions());
        }
    }
}
