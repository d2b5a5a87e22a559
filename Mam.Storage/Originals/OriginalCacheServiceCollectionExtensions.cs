using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Storage.Originals;

public static class OriginalCacheServiceCollectionExtensions
{
    /// <summary>Section "Pipeline:OriginalCache", validated at start; one <see cref="OriginalCache"/>
    /// per process, so all stages of a worker share it.</summary>
    public static IServiceCollection AddOriginalCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OriginalCacheOptions>().Bind(configuration.GetSection(OriginalCacheOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OriginalCache>();
        return services;
    }
}
