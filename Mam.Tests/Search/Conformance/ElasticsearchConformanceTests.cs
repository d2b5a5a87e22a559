using Mam.Search;
using Mam.Search.Elasticsearch;

namespace Mam.Tests.Search.Conformance;

/// <summary>The conformance suite on a real Elasticsearch 8.x cluster. No cluster can be installed on
/// the machines this project is built on, so it runs only when MAM_TEST_ELASTICSEARCH_URL is set
/// (optionally MAM_TEST_ELASTICSEARCH_API_KEY); otherwise every test here is reported as skipped.
/// Each run uses its own throwaway index and deletes it.</summary>
[TestFixture]
[Category("Integration")]
public sealed class ElasticsearchConformanceTests : SearchConformanceTests
{
    public const string UrlVariable = "MAM_TEST_ELASTICSEARCH_URL";
    public const string ApiKeyVariable = "MAM_TEST_ELASTICSEARCH_API_KEY";

    private readonly HttpClient _http = new();
    private string _indexName = string.Empty;

    protected override Task<ISearchIndex> CreateIndexAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Ignore($"No Elasticsearch cluster to run against: set {UrlVariable} (e.g. http://127.0.0.1:9200) to run this suite.");
        }

        _indexName = $"mam-conformance-{Guid.NewGuid():N}";
        _http.BaseAddress = new Uri(url.TrimEnd('/') + "/");
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", apiKey);
        }

        return Task.FromResult<ISearchIndex>(new ElasticsearchSearchIndex(_http, new ElasticsearchOptions { Index = _indexName, ApiKey = apiKey }));
    }

    [OneTimeTearDown]
    public async Task DeleteIndexAsync()
    {
        if (_http.BaseAddress is not null)
        {
            using (await _http.DeleteAsync(_indexName))
            {
            }

            using (await _http.DeleteAsync($"_index_template/{ElasticsearchIndexTemplate.NameFor(_indexName)}"))
            {
            }
        }

        _http.Dispose();
    }
}
