using Mam.Core.Catalog;
using Mam.Core.Storage;
using Mam.Core.Storage.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mam.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Options, catalog and object store: what every host needs. Unset locations default
    /// into Mam:DataDirectory when options are first resolved (not when this runs), so settings
    /// added later — by tests or command-line — still count.</summary>
    public static IServiceCollection AddMamCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MamOptions>().Bind(configuration.GetSection(MamOptions.Section))
            .PostConfigure(o => o.DataDirectory = Path.GetFullPath(o.DataDirectory))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddCatalog(configuration);
        services.AddOptions<CatalogOptions>().PostConfigure<IOptions<MamOptions>>((o, mam) =>
        {
            if (string.IsNullOrWhiteSpace(o.ConnectionString))
            {
                o.ConnectionString = $"Data Source={mam.Value.PathTo("catalog.db")}";
            }
        });

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure<IOptions<MamOptions>>((o, mam) =>
            {
                if (string.IsNullOrWhiteSpace(o.RootPath))
                {
                    o.RootPath = mam.Value.PathTo("objects");
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FileSystemObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<FileSystemObjectStore>());
        services.AddSingleton<IMultipartObjectStore>(sp => sp.GetRequiredService<FileSystemObjectStore>());
        if (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.Provider == StorageProvider.S3)
        {
            services.AddS3ObjectStore(configuration);
        }
        return services;
    }
}
