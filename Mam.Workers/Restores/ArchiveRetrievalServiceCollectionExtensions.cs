using Mam.Workers.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Restores;

public static class ArchiveRetrievalServiceCollectionExtensions
{
    /// <summary>Section "Restores:Archive", validated at start, and <see cref="ArchiveRetrievals"/> (the API
    /// requests archived files when a restore starts). Safe to call more than once.</summary>
    public static IServiceCollection AddArchiveRetrievals(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ArchiveRetrievals)))
        {
            return services;
        }
        services.AddOptions<ArchiveRetrievalOptions>().Bind(configuration.GetSection(ArchiveRetrievalOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => RecurringSchedule.TryEvery(o.PollInterval, out _), $"{ArchiveRetrievalOptions.Section}:PollInterval must divide a minute, an hour or a day evenly (e.g. 00:05:00, 00:15:00, 01:00:00).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMamJobStore(configuration);
        services.AddSingleton<ArchiveRetrievals>();
        services.TryAddSingleton<RestoreCutJobs>();
        return services;
    }

    /// <summary>The recurring look at restores waiting for the archive tier, for hosts that run a job server.</summary>
    public static IServiceCollection AddArchiveRestorePoll(this IServiceCollection services, IConfiguration configuration) =>
        services.AddArchiveRetrievals(configuration)
            .AddRecurringJob<ArchiveRestorePoll>(ArchiveRestorePoll.Id,
                sp => RecurringSchedule.Every(sp.GetRequiredService<IOptions<ArchiveRetrievalOptions>>().Value.PollInterval));
}
