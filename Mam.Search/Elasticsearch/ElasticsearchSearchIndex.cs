using System.Globalization;
using System.Net;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport;

namespace Mam.Search.Elasticsearch;

/// <summary>The search index on an Elasticsearch 9.x cluster through the official client: an index
/// template (analysers for dialogue), bulk indexing, one search per query with nested inner_hits (every
/// matching timecode), highlight and terms aggregations (facets). A singleton: disposing it closes
/// its HTTP connections.</summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex, IDisposable
{
    /// <summary>A bulk request is cut at about this much text; Elasticsearch's default limit is 100 MB,
    /// and smaller requests keep a busy cluster responsive.</summary>
    public const int BulkBytes = 8 * 1024 * 1024;

    private readonly ElasticsearchOptions _options;
    private readonly ElasticsearchFailures _failures;
    private readonly string _index;
    private ElasticsearchConnection _connection;
    private volatile bool _ready;

    public ElasticsearchSearchIndex(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _connection = new ElasticsearchConnection(options);
        _failures = new ElasticsearchFailures(new Uri(options.Url!), options.RequestTimeout);
        _index = options.Index;
    }

    public string IndexName => _index;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        _failures.Require(await CallAsync((c, t) => c.Indices.PutIndexTemplateAsync(ElasticsearchIndexTemplate.Build(_index), t), cancellationToken)
            .ConfigureAwait(false), "store the index template", cancellationToken);

        var exists = await CallAsync((c, t) => c.Indices.ExistsAsync(new Elastic.Clients.Elasticsearch.IndexManagement.ExistsRequest(_index), t), cancellationToken).ConfigureAwait(false);
        if (ElasticsearchFailures.IsStatus(exists, HttpStatusCode.NotFound))
        {
            var created = await CallAsync((c, t) => c.Indices.CreateAsync(new CreateIndexRequest(_index), t), cancellationToken).ConfigureAwait(false);

            // Another process (a second worker) may have created it between the two requests.
            if (ElasticsearchFailures.ErrorType(created) != "resource_already_exists_exception")
            {
                _failures.Require(created, $"create the index {_index}", cancellationToken);
            }
        }
        else
        {
            _failures.Require(exists, $"check the index {_index}", cancellationToken);

            // An index created from an older template: add what this layout writes (idempotent).
            _failures.Require(await CallAsync((c, t) => c.Indices.PutMappingAsync(ElasticsearchIndexTemplate.Additions(_index), t), cancellationToken)
                .ConfigureAwait(false), $"add the word times to the mapping of {_index}", cancellationToken);
        }

        _ready = true;
    }

    public Task IndexAssetAsync(AssetDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        return IndexAssetsAsync([document], cancellationToken);
    }

    public async Task IndexAssetsAsync(IReadOnlyList<AssetDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            DocumentRules.Validate(document);
        }

        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var operations = new BulkOperationsCollection();
        var size = 0L;
        foreach (var document in documents)
        {
            // The document id is the asset id, so indexing a clip again replaces it whole (segments included).
            var source = ElasticsearchDocument.From(document);
            operations.Add(new BulkIndexOperation<ElasticsearchDocument>(source, _index) { Id = source.AssetId });
            size += EstimatedBytes(source);
            if (size >= BulkBytes)
            {
                await SendBulkAsync(operations, cancellationToken).ConfigureAwait(false);
                operations = [];
                size = 0;
            }
        }

        if (operations.Count > 0)
        {
            await SendBulkAsync(operations, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveAssetAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await CallAsync(
            (c, t) => c.DeleteAsync(new DeleteRequest(_index, ElasticsearchDocument.Id(assetId)) { Refresh = Refresh.WaitFor }, t),
            cancellationToken).ConfigureAwait(false);
        if (!ElasticsearchFailures.IsStatus(deleted, HttpStatusCode.NotFound))
        {
            _failures.Require(deleted, $"remove clip {assetId}", cancellationToken);
        }
    }

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = SearchPlan.For(request);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var answer = await CallAsync((c, t) => c.SearchAsync<ElasticsearchDocument>(ElasticsearchQuery.Build(_index, plan), t), cancellationToken)
            .ConfigureAwait(false);
        _failures.ThrowIfUnavailable(answer, cancellationToken);
        if (ElasticsearchFailures.IsStatus(answer, HttpStatusCode.BadRequest))
        {
            // We only send literal text, so this is a query the cluster's limits refuse (too many clauses...).
            throw new SearchQueryException(
                $"The search engine could not run this search; try fewer or plainer words. ({ElasticsearchFailures.Reason(answer)})");
        }

        if (!answer.IsValidResponse)
        {
            // A refused key or any other refusal is just as unavailable to the editor (the API answers
            // 503); the operator reads the cause in the log.
            throw ElasticsearchFailures.Unavailable(
                string.Create(CultureInfo.InvariantCulture,
                    $"Elasticsearch refused the search ({ElasticsearchFailures.Status(answer)} {ElasticsearchFailures.Reason(answer)}).{ElasticsearchFailures.CredentialsHint(answer)}"),
                answer);
        }

        try
        {
            return ElasticsearchResults.Read(answer, plan, request.Query);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw NotUnderstood(e);
        }
    }

    public void Dispose() => Volatile.Read(ref _connection).Dispose();

    private static SearchUnavailableException NotUnderstood(Exception e) =>
        new("Elasticsearch answered with something that is not what Elasticsearch 9.x answers.", new HttpRequestException(e.Message, e));

    /// <summary>Runs one client call. The client throws, whatever ThrowExceptions says, when it cannot
    /// read an answer (a proxy's page, a body that is not the API's) and when a successful answer lacks
    /// "X-Elastic-Product: Elasticsearch" (another product or a proxy): then it refuses every later call
    /// too. Both are said as unavailable; a fresh client checks the product again next time, so a proxy's
    /// passing hiccup does not disable search until a restart.</summary>
    private async Task<T> CallAsync<T>(Func<ElasticsearchClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var connection = Volatile.Read(ref _connection);
        try
        {
            return await call(connection.Client, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedProductException e)
        {
            Replace(connection);
            throw new SearchUnavailableException(
                $"The server at {_options.Url} did not answer as Elasticsearch 9.x does (no X-Elastic-Product header); check " +
                $"{ElasticsearchOptions.SectionName}:{nameof(ElasticsearchOptions.Url)}.", new HttpRequestException(e.Message, e));
        }
        catch (Exception e) when (e is ObjectDisposedException or UnexpectedTransportException && !ReferenceEquals(connection, Volatile.Read(ref _connection)))
        {
            // Another call replaced this client, closing its connections, while this one was on its way.
            return await CallAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (UnexpectedTransportException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotUnderstood(e);
        }
    }

    /// <summary>Swaps in a fresh client unless another caller already has, and closes the refused one's
    /// connections (a call still on its way with it goes again on the fresh one).</summary>
    private void Replace(ElasticsearchConnection refused)
    {
        var fresh = new ElasticsearchConnection(_options);
        (Interlocked.CompareExchange(ref _connection, fresh, refused) == refused ? refused : fresh).Dispose();
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        // Idempotent, so racing callers both succeed; a cluster that was down at start-up gets its
        // template and index on the first use after it comes back.
        if (!_ready)
        {
            await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendBulkAsync(BulkOperationsCollection operations, CancellationToken cancellationToken)
    {
        // refresh=wait_for: when the index stage reports done, the clip is searchable.
        var answer = await CallAsync((c, t) => c.BulkAsync(new BulkRequest { Operations = operations, Refresh = Refresh.WaitFor }, t), cancellationToken)
            .ConfigureAwait(false);
        _failures.ThrowIfUnavailable(answer, cancellationToken);
        if (!answer.Errors)
        {
            _failures.Require(answer, "index clips", cancellationToken);
            return;
        }

        foreach (var item in answer.ItemsWithErrors)
        {
            var reason = item.Error is { } error ? $"{error.Type}: {error.Reason}" : "no reason given";
            if (ElasticsearchFailures.IsTemporary(item.Status))
            {
                throw new SearchUnavailableException($"Elasticsearch could not index clip {item.Id} now ({reason}).",
                    new HttpRequestException(reason, null, (HttpStatusCode)item.Status));
            }

            throw new SearchDocumentRefusedException($"Elasticsearch refused clip {item.Id}: {reason}");
        }

        _failures.Require(answer, "index clips", cancellationToken);
    }

    /// <summary>About what the document weighs as JSON: its text plus a little per field.</summary>
    private static long EstimatedBytes(ElasticsearchDocument source) =>
        512 + (source.Metadata?.Length ?? 0) + (source.Segments ?? []).Sum(s => 96L + s.Text.Length);
}
