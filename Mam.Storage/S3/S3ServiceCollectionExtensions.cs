using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mam.Storage.S3;

public static class S3ServiceCollectionExtensions
{
    /// <summary>Registers <see cref="S3ObjectStore"/> as the <see cref="IObjectStore"/> and
    /// <see cref="IMultipartObjectStore"/>, configured from section "Storage:S3" and validated at start.
    /// Registrations made after earlier ones win, so call it after any default store.</summary>
    public static IServiceCollection AddS3ObjectStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<S3StorageOptions>().Bind(configuration.GetSection(S3StorageOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3StorageOptions>, S3StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<S3ObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<S3ObjectStore>());
        services.AddSingleton<IMultipartObjectStore>(sp => sp.GetRequiredService<S3ObjectStore>());
        return services;
    }
}
