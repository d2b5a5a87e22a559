using Mam.Workers.Restores;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Api.Restores;

public static class RestoreServiceCollectionExtensions
{
    /// <summary>Section "Restores", validated at start, and what plans, starts and records restores.</summary>
    public static IServiceCollection AddRestores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RestoreOptions>().Bind(configuration.GetSection(RestoreOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RestoreScopes>();
        services.AddSingleton<RestorePlanner>();
        services.AddSingleton<RestoreManifests>();
        services.AddSingleton<RestoreRuns>();
        services.TryAddSingleton<Mam.Workers.Restores.RestoreCutJobs>();
        services.AddArchiveRetrievals(configuration);
        return services;
    }
}
