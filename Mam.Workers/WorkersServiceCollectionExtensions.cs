using Mam.Catalog;
using Mam.Workers.Pipeline;
using Mam.Workers.Stages.Analysis;
using Mam.Workers.Stages.Indexing;
using Mam.Workers.Stages.Probe;
using Mam.Workers.Stages.Proxies;
using Mam.Workers.Stages.Registration;
using Mam.Workers.Stages.Transcripts;
using Mam.Workers.Telemetry;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Mam.Workers;

public static class WorkersServiceCollectionExtensions
{
    /// <summary>Stages, runner and the reconciler (a Quartz job). Call <see cref="AddMamConsumers"/>
    /// inside AddMassTransit for the consumers.</summary>
    public static IServiceCollection AddMamWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<StageRunner>();
        services.AddMamMetrics();
        services.AddScoped<PipelineReconciler>();
        services.AddScoped<ProbeStage>();
        services.AddScoped<ProxyStage>();
        services.AddScoped<TranscribeStage>();
        services.AddScoped<IndexStage>();
        services.AddScoped<AnalyseStage>();
        services.AddHostedService<AnalysisStartupCheck>();

        var interval = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>()?.ReconcileInterval ?? new PipelineOptions().ReconcileInterval;
        var catalog = configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>() ?? new CatalogOptions();
        services.AddQuartz(q =>
        {
            if (catalog.Provider == CatalogProvider.Postgres)
            {
                // Several worker hosts share the catalog database: Quartz's clustered job store there
                // makes sure exactly one of them runs each reconciler tick.
                q.ConfigureScheduler(s =>
                {
                    s.InstanceName = "mam-workers";
                    s.GenerateInstanceId = true;
                });
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(catalog.ConnectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering();
                    store.ProvisionSchema();
                });
            }
            q.ScheduleJob<PipelineReconcilerJob>(
                trigger => trigger.WithIdentity("pipeline-reconciler").StartNow()
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()),
                job => job.WithIdentity("pipeline-reconciler"));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    public static void AddMamConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<AssetRegisteredConsumer>();
        bus.AddConsumer<ProbeClipConsumer, ProbeClipConsumerDefinition>();
        bus.AddConsumer<GenerateProxyConsumer, GenerateProxyConsumerDefinition>();
        bus.AddConsumer<TranscribeClipConsumer, TranscribeClipConsumerDefinition>();
        bus.AddConsumer<IndexAssetConsumer, IndexAssetConsumerDefinition>();
        bus.AddConsumer<AnalyseClipConsumer, AnalyseClipConsumerDefinition>();
    }
}
