using Mam.Search.Elasticsearch;
using Mam.Search.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mam.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Binds "Search" and "Search:Elasticsearch" (validated at start-up) and registers the
    /// <see cref="ISearchIndex"/> engine Search:Provider names as a singleton.</summary>
    public static IServiceCollection AddMamSearch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.SectionName))
            // Embedded default: search.db beside the catalog in Mam:DataDirectory.
            .PostConfigure<IOptions<Mam.Hosting.MamOptions>>((o, mam) =>
            {
                if (o.Provider == SearchProvider.Sqlite && string.IsNullOrWhiteSpace(o.SqlitePath))
                {
                    o.SqlitePath = mam.Value.PathTo("search.db");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchOptions>, SearchOptionsValidator>());

        services.AddOptions<ElasticsearchOptions>()
            .Bind(configuration.GetSection(ElasticsearchOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<ISearchIndex>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SearchOptions>>().Value;
            return options.Provider switch
            {
                SearchProvider.Sqlite => new SqliteFtsSearchIndex(options.SqlitePath!, provider.GetService<Microsoft.Extensions.Logging.ILogger<SqliteFtsSearchIndex>>()),
                SearchProvider.Elasticsearch => new ElasticsearchSearchIndex(provider.GetRequiredService<IOptions<ElasticsearchOptions>>().Value),
                _ => throw new InvalidOperationException(
                    $"Search provider '{options.Provider}' is not supported."),
            };
        });

        return services;
    }
}
