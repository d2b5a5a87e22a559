using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mam.Search.Elasticsearch;

/// <summary>The search index on an Elasticsearch cluster, over its REST API with a plain HttpClient:
/// an index template (analysers for dialogue), _bulk indexing, one _search per query with nested
/// inner_hits (every matching timecode), highlight and terms aggregations (facets).</summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex
{
    /// <summary>A _bulk request is cut at about this size; Elasticsearch's default limit is 100 MB,
    /// and smaller requests keep a busy cluster responsive.</summary>
    public const int BulkBytes = 8 * 1024 * 1024;

    private readonly ElasticsearchConnection _connection;
    private readonly string _index;
    private volatile bool _ready;

    /// <param name="http">Its BaseAddress is the cluster (Search:Elasticsearch:Url).</param>
    public ElasticsearchSearchIndex(HttpClient http, ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _connection = new ElasticsearchConnection(http, options);
        _index = options.Index;
    }

    public string IndexName => _index;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var template = ElasticsearchIndexTemplate.Build(_index).ToJsonString();
        Require(await _connection.SendJsonAsync(HttpMethod.Put, $"_index_template/{ElasticsearchIndexTemplate.NameFor(_index)}", template, cancellationToken)
            .ConfigureAwait(false), "store the index template");

        var exists = await _connection.SendJsonAsync(HttpMethod.Head, _index, null, cancellationToken).ConfigureAwait(false);
        if (exists.Status == HttpStatusCode.NotFound)
        {
            var created = await _connection.SendJsonAsync(HttpMethod.Put, _index, null, cancellationToken).ConfigureAwait(false);

            // Another process (a second worker) may have created it between the two requests.
            if (!created.IsSuccess && !created.Body.Contains("resource_already_exists_exception", StringComparison.Ordinal))
            {
                Require(created, $"create the index {_index}");
            }
        }
        else
        {
            Require(exists, $"check the index {_index}");
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
        var bulk = new StringBuilder();
        foreach (var document in documents)
        {
            // The document id is the asset id, so indexing a clip again replaces it whole (segments included).
            var action = new JsonObject { ["index"] = new JsonObject { ["_index"] = _index, ["_id"] = ElasticsearchDocument.Id(document.AssetId) } };
            bulk.Append(action.ToJsonString()).Append('\n')
                .Append(ElasticsearchDocument.Build(document).ToJsonString()).Append('\n');
            if (bulk.Length >= BulkBytes)
            {
                await SendBulkAsync(bulk.ToString(), cancellationToken).ConfigureAwait(false);
                bulk.Clear();
            }
        }

        if (bulk.Length > 0)
        {
            await SendBulkAsync(bulk.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveAssetAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var answer = await _connection.SendJsonAsync(HttpMethod.Delete,
            $"{_index}/_doc/{ElasticsearchDocument.Id(assetId)}?refresh=wait_for", null, cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.NotFound)
        {
            Require(answer, $"remove clip {assetId}");
        }
    }

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var plan = SearchPlan.For(request);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var body = ElasticsearchQuery.Build(plan).ToJsonString();
        var answer = await _connection.SendJsonAsync(HttpMethod.Post, $"{_index}/_search", body, cancellationToken).ConfigureAwait(false);
        if (answer.Status == HttpStatusCode.BadRequest)
        {
            // We only send literal text, so this is a query the cluster's limits refuse (too many clauses...).
            throw new SearchQueryException($"The search engine could not run this search; try fewer or plainer words. ({answer.Reason})");
        }

        if (!answer.IsSuccess)
        {
            // Still "unavailable" to the editor (the API answers 503); the operator reads the cause in the log.
            throw new SearchUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"Elasticsearch refused the search ({(int)answer.Status} {answer.Reason}).{CredentialsHint(answer)}"),
                new HttpRequestException(answer.Reason, null, answer.Status));
        }

        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            return ElasticsearchResponse.Read(json.RootElement, plan, request.Query);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SearchUnavailableException("Elasticsearch answered the search with something that is not a search response.",
                new HttpRequestException(e.Message, e));
        }
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

    private async Task SendBulkAsync(string ndjson, CancellationToken cancellationToken)
    {
        // refresh=wait_for: when the index stage reports done, the clip is searchable.
        var answer = await _connection.SendAsync(HttpMethod.Post, "_bulk?refresh=wait_for", ndjson, ElasticsearchConnection.NdJson, cancellationToken)
            .ConfigureAwait(false);
        Require(answer, "index clips");

        using var json = JsonDocument.Parse(answer.Body);
        if (!json.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.True)
        {
            return;
        }

        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            var result = item.EnumerateObject().First().Value;
            if (!result.TryGetProperty("error", out var error))
            {
                continue;
            }

            var status = result.TryGetProperty("status", out var s) ? s.GetInt32() : 0;
            var reason = $"{error.GetProperty("type").GetString()}: {error.GetProperty("reason").GetString()}";
            var id = result.TryGetProperty("_id", out var i) ? i.GetString() : "?";
            if (status == (int)HttpStatusCode.TooManyRequests || status >= 500)
            {
                throw new SearchUnavailableException($"Elasticsearch could not index clip {id} now ({reason}).",
                    new HttpRequestException(reason, null, (HttpStatusCode)status));
            }

            throw new InvalidOperationException($"Elasticsearch refused clip {id}: {reason}");
        }
    }

    private static void Require(ElasticsearchAnswer answer, string what)
    {
        if (answer.IsSuccess)
        {
            return;
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"Elasticsearch refused to {what}: {(int)answer.Status} {answer.Reason}.{CredentialsHint(answer)}"));
    }

    private static string CredentialsHint(ElasticsearchAnswer answer) => answer.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        ? $" Check {ElasticsearchOptions.SectionName}:{nameof(ElasticsearchOptions.ApiKey)} and the key's privileges on the index."
        : string.Empty;
}
