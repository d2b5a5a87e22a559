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
                SearchProvider.Sqlite => new SqliteFtsSearchIndex(options.SqlitePath!),
                SearchProvider.Elasticsearch => CreateElasticsearch(provider.GetRequiredService<IOptions<ElasticsearchOptions>>().Value),
                _ => throw new InvalidOperationException(
                    $"Search provider '{options.Provider}' is not supported."),
            };
        });

        return services;
    }

    private static ElasticsearchSearchIndex CreateElasticsearch(ElasticsearchOptions options)
    {
        // One client for the life of the process; a bounded connection lifetime lets it follow DNS
        // changes (a load balancer or a cluster behind a service name) without IHttpClientFactory.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(options.Url!.TrimEnd('/') + "/", UriKind.Absolute),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new ElasticsearchSearchIndex(http, options);
    }
}
