using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Mam.Catalog;
using Mam.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The job store and Hangfire's services, without a server: what the API needs for the
    /// dashboard. Call after AddCatalog. Safe to call more than once.</summary>
    public static IServiceCollection AddMamJobStore(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(JobStore)))
        {
            return services;
        }
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section))
            .PostConfigure<IOptions<CatalogOptions>, IOptions<MamOptions>>((o, catalog, mam) =>
            {
                o.ConnectionString = string.IsNullOrWhiteSpace(o.ConnectionString) ? catalog.Value.ConnectionString : o.ConnectionString;
                o.SqlitePath = string.IsNullOrWhiteSpace(o.SqlitePath) ? mam.Value.PathTo("jobs.db") : o.SqlitePath;
            })
            .ValidateDataAnnotations().ValidateOnStart();
        // Hangfire's settings (serializer, logging) must be in place before it builds any storage.
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return ActivatorUtilities.CreateInstance<JobStore>(sp);
        });

        // Hangfire keeps its defaults in static state (JobStorage.Current, JobActivator.Current); our
        // own registrations come first so each host, tests' several hosts included, uses its own.
        services.AddSingleton(sp => sp.GetRequiredService<JobStore>().Storage);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(sp =>
            new JobFilterProviderCollection(JobFilterProviders.Providers, new RecurringJobRules(sp.GetRequiredService<JobStore>(), sp.GetRequiredService<ILogger<OneRunAtATimeFilter>>())));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            // Jobs are stored by type name without assembly version, so an upgrade still runs them.
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        return services;
    }

    /// <summary>A Hangfire server in this process, running the recurring jobs added with
    /// <see cref="AddRecurringJob{TJob}"/> (and any job enqueued in the store).</summary>
    public static IServiceCollection AddMamJobServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMamJobStore(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, JobServer>());
        return services;
    }

    /// <param name="id">The name operators see on the dashboard's Recurring jobs page.</param>
    /// <param name="schedule">A cron expression (5 parts, or 6 with seconds), read when the server starts.</param>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Func<IServiceProvider, string> schedule)
        where TJob : class, IRecurringJob
    {
        services.TryAddScoped<TJob>();
        services.AddSingleton(new RecurringJobDefinition(id, typeof(TJob), schedule));
        return services;
    }
}
