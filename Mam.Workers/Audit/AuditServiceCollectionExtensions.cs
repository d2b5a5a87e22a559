using Mam.Workers.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Workers.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary><see cref="IAuditTrail"/> and its background writer, for hosts where people act (the API).
    /// Needs the catalog. Safe to call more than once.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuditOptions(configuration);
        if (services.Any(d => d.ServiceType == typeof(AuditTrail)))
        {
            return services;
        }
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        return services;
    }

    /// <summary>The daily retention job, for hosts that run a job server.</summary>
    public static IServiceCollection AddAuditRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuditOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        return services.AddRecurringJob<AuditRetentionJob>(AuditRetentionJob.Id, _ => AuditRetentionJob.Schedule);
    }

    private static IServiceCollection AddAuditOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
