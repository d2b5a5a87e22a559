using Mam.Hosting;
using Mam.Storage.Replicas;
using Mam.Storage.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Section "Storage": the folder store ({Mam:DataDirectory}/objects unless set) or, with
    /// Provider = S3, the S3 store registered after it so it wins.</summary>
    public static IServiceCollection AddObjectStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure<IOptions<MamOptions>>((o, mam) =>
            {
                if (string.IsNullOrWhiteSpace(o.RootPath))
                {
                    o.RootPath = mam.Value.PathTo("objects");
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => StoreIdentity.Resolve(sp, sp.GetRequiredService<IOptions<StorageOptions>>()));
        services.AddOptions<ReplicaOptions>()
            .Configure(o => configuration.GetSection(ReplicaOptions.Section).Bind(o.Stores))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReplicaOptions>, ReplicaOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NamedStores>();
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
