using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Mam.Search.Elasticsearch;

/// <summary>The official client (Elastic.Clients.Elasticsearch), configured from "Search:Elasticsearch".</summary>
public static class ElasticsearchClientFactory
{
    public static ElasticsearchClient Create(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"{ElasticsearchOptions.SectionName}:{nameof(ElasticsearchOptions.Url)} must be an absolute URL.", nameof(options));
        }

        // One node or load balancer: a single-node pool never sniffs or pings other nodes, so the client
        // talks to exactly the configured URL and to nothing else.
        var settings = new ElasticsearchClientSettings(new SingleNodePool(url))
            .RequestTimeout(options.RequestTimeout)
            // The x-elastic-client-meta header tells the cluster the client, .NET and OS versions; the
            // cluster does not need them, so they stay home.
            .DisableMetaHeader(true)
            // Failures come back as invalid responses that ElasticsearchFailures sorts into the two
            // kinds callers act on, rather than as the transport's exceptions.
            .ThrowExceptions(false);
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            settings = settings.Authentication(new ApiKey(options.ApiKey.Trim()));
        }

        return new ElasticsearchClient(settings);
    }
}
