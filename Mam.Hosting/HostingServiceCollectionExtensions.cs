using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>Section "Mam" (the data directory every embedded engine defaults into) and the clock.
    /// Engines derive their locations from it when their options are first resolved, not when this
    /// runs, so settings added later (by tests or the command line) still count.</summary>
    public static IServiceCollection AddMamDataDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        // Libraries that need it (media tools) call this too; bind once.
        if (services.Any(d => d.ServiceType == typeof(WorkFolders)))
        {
            return services;
        }
        services.AddSingleton<WorkFolders>();
        services.AddOptions<MamOptions>().Bind(configuration.GetSection(MamOptions.Section))
            .PostConfigure(o => o.DataDirectory = Path.GetFullPath(o.DataDirectory))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
