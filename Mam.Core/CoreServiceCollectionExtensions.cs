using Mam.Core.Catalog;
using Mam.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Options, catalog and object store: what every host needs.</summary>
    public static IServiceCollection AddMamCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MamOptions>().Bind(configuration.GetSection(MamOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddCatalog(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IObjectStore, FileSystemObjectStore>();
        return services;
    }
}
