using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Workers.Reindexing;

public static class ReindexServiceCollectionExtensions
{
    /// <summary><see cref="SearchReindex"/> and, for hosts that start runs in the background, <see cref="ReindexRuns"/>.
    /// Needs the catalog and the search index (AddMamCore, AddMamSearch).</summary>
    public static IServiceCollection AddSearchReindex(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SearchReindex>();
        services.TryAddSingleton<ReindexRuns>();
        return services;
    }
}
