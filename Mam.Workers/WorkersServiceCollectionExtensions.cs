using Mam.Catalog;
using Mam.Media;
using Mam.Storage.Originals;
using Mam.Workers.Audit;
using Mam.Workers.Fixity;
using Mam.Workers.Jobs;
using Mam.Workers.Originals;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Operations;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Reindexing;
using Mam.Workers.Restores;
using Mam.Workers.Stages.Analysis;
using Mam.Workers.Stages.Registration;
using Mam.Workers.Telemetry;
using Mam.Workers.Uploads;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mam.Workers;

public static class WorkersServiceCollectionExtensions
{
    /// <summary>The stage runner and everything it needs (its options, clock, metrics, and the
    /// announcements it makes to the project's activity): one list, for the worker host and for test
    /// hosts that run stages without the rest of a worker.</summary>
    /// <remarks>The options are bound, not validated: a host validates them at its start (a test host
    /// sets a deadline shorter than the lease on purpose).</remarks>
    public static IServiceCollection AddStageRunner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Activity.ActivitySignal>();
        services.TryAddScoped<StageRunner>();
        services.TryAddScoped<PipelineAnnouncements>();
        services.AddMamMetrics();
        return services;
    }

    /// <summary>Stages, runner, and a Hangfire server running the reconciler and re-index jobs (see Jobs/, Reindexing/). Call <see cref="AddMamConsumers"/>
    /// inside AddMassTransit for the consumers.</summary>
    public static IServiceCollection AddMamWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStageRunner(configuration);
        services.AddOptions<PipelineOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PipelineReconciler>();
        services.AddScoped<StageBackfill>();
        services.AddPipelineOperations();
        services.AddStageHandlers();
        services.AddHostedService<AnalysisStartupCheck>();
        services.AddHostedService<WorkFolderSweep>();
        services.AddOriginalCache(configuration);
        services.AddHostedService<OriginalCacheStartup>();
        services.AddHostedService<Tiers.StoreLifecycles>();
        services.AddFfmpegStartupCheck();

        services.AddMamJobServer(configuration);
        services.AddRecurringJob<PipelineReconcilerJob>(PipelineReconcilerJob.Id,
            sp => RecurringSchedule.Every(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.ReconcileInterval));
        services.AddOptions<UploadsOptions>().Bind(configuration.GetSection(UploadsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AbandonedUploads>();
        services.AddRecurringJob<AbandonedUploadsJob>(AbandonedUploadsJob.Id, _ => RecurringSchedule.Every(AbandonedUploadsJob.Interval));
        services.AddAuditRetention(configuration);
        services.AddOptions<Notifications.DigestOptions>().Bind(configuration.GetSection(Notifications.DigestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Notifications.SmtpOptions>().Bind(configuration.GetSection(Notifications.SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Notifications.DailyDigest>();
        services.AddRecurringJob<Notifications.DailyDigestJob>(Notifications.DailyDigestJob.Id, sp => sp.GetRequiredService<IOptions<Notifications.DigestOptions>>().Value.Cron());
        services.AddScheduledFixityAudit(configuration);
        // One-off jobs this host's job server may be handed (started from any API host).
        services.AddSearchReindexJobs(configuration);
        services.TryAddScoped<Restores.RestoreCutJob>();
        services.AddArchiveRestorePoll(configuration);
        return services;
    }

    public static void AddMamConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<AssetRegisteredConsumer>();
        bus.AddStageConsumers();
    }
}
