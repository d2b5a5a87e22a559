using System.Collections.Concurrent;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Mam.Search.Elasticsearch;

/// <summary>The official client (Elastic.Clients.Elasticsearch), configured from "Search:Elasticsearch",
/// with the HTTP connections it holds open; disposing it closes them.</summary>
/// <remarks>Disposing the client's settings alone does not: the transport keeps each HTTP handler it
/// has handed out until its DNS refresh timeout (5 minutes) passes and the handler is collected. So the
/// handlers the transport makes are kept here too, and closed with the rest.</remarks>
public sealed class ElasticsearchConnection : IDisposable
{
    private readonly ConcurrentQueue<HttpMessageHandler> _handlers = new();
    private readonly ElasticsearchClientSettings _settings;

    public ElasticsearchConnection(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"{ElasticsearchOptions.SectionName}:{nameof(ElasticsearchOptions.Url)} must be an absolute URL.", nameof(options));
        }

        var invoker = new HttpRequestInvoker((handler, _) =>
        {
            _handlers.Enqueue(handler);
            return handler;
        });
        // One node or load balancer: a single-node pool never sniffs or pings other nodes, so the client
        // talks to exactly the configured URL and to nothing else.
        _settings = new ElasticsearchClientSettings(new SingleNodePool(url), invoker)
            .RequestTimeout(options.RequestTimeout)
            // The x-elastic-client-meta header tells the cluster the client, .NET and OS versions; the
            // cluster does not need them, so they stay home.
            .DisableMetaHeader(true)
            // Failures come back as invalid responses that ElasticsearchFailures sorts into the two
            // kinds callers act on, rather than as the transport's exceptions.
            .ThrowExceptions(false);
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            _settings = _settings.Authentication(new ApiKey(options.ApiKey.Trim()));
        }

        Client = new ElasticsearchClient(_settings);
    }

    public ElasticsearchClient Client { get; }

    public void Dispose()
    {
        // The settings implement IDisposable explicitly: the node pool, the request invoker's timers.
        ((IDisposable)_settings).Dispose();
        while (_handlers.TryDequeue(out var handler))
        {
            handler.Dispose();
        }
    }
}
