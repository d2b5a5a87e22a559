using Mam.Workers.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Fixity;

public static class FixityServiceCollectionExtensions
{
    /// <summary>Fixity audits: <see cref="FixityAudits"/> to start them (the API), the job that runs
    /// them and the scheduled audit (hosts with a job server). Needs the catalog, the object store and
    /// the job store. Safe to call more than once.</summary>
    public static IServiceCollection AddFixityAudits(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(FixityAudits)))
        {
            return services;
        }
        services.AddOptions<FixityOptions>().Bind(configuration.GetSection(FixityOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => RecurringSchedule.IsValid(o.Schedule), "Fixity:Schedule is not a cron expression (5 parts, or 6 with seconds).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Activity.ActivitySignal>();
        services.AddMamJobStore(configuration);
        services.AddSingleton<FixityAudits>();
        services.AddScoped<FixityAuditRun>();
        services.AddScoped<FixityAuditJob>();
        return services;
    }

    /// <summary>The scheduled audit and the copying of originals to replica stores, for hosts that run a job server.</summary>
    public static IServiceCollection AddScheduledFixityAudit(this IServiceCollection services, IConfiguration configuration) =>
        services.AddFixityAudits(configuration)
            .AddRecurringJob<ScheduledFixityAudit>(ScheduledFixityAudit.Id, sp => sp.GetRequiredService<IOptions<FixityOptions>>().Value.Schedule)
            .AddRecurringJob<Replication.ReplicationJob>(Replication.ReplicationJob.Id, _ => RecurringSchedule.Every(Replication.ReplicationJob.Interval));
}
