using Mam.Search;
using Mam.Search.Elasticsearch;

namespace Mam.Tests.Search.Conformance;

/// <summary>The conformance suite on a real Elasticsearch 9.x cluster. No cluster can be installed on
/// the machines this project is built on, so it runs only when MAM_TEST_ELASTICSEARCH_URL is set
/// (optionally MAM_TEST_ELASTICSEARCH_API_KEY); otherwise every test here is reported as skipped.
/// Each run uses its own throwaway index and deletes it.</summary>
[TestFixture]
[Category("Integration")]
public sealed class ElasticsearchConformanceTests : SearchConformanceTests
{
    public const string UrlVariable = "MAM_TEST_ELASTICSEARCH_URL";
    public const string ApiKeyVariable = "MAM_TEST_ELASTICSEARCH_API_KEY";

    private ElasticsearchOptions? _options;

    protected override Task<ISearchIndex> CreateIndexAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Ignore($"No Elasticsearch cluster to run against: set {UrlVariable} (e.g. http://127.0.0.1:9200) to run this suite.");
        }

        _options = new ElasticsearchOptions
        {
            Url = url,
            Index = $"mam-conformance-{Guid.NewGuid():N}",
            ApiKey = Environment.GetEnvironmentVariable(ApiKeyVariable),
        };
        return Task.FromResult<ISearchIndex>(new ElasticsearchSearchIndex(_options));
    }

    [OneTimeTearDown]
    public async Task DeleteIndexAsync()
    {
        if (_options is null)
        {
            return;
        }

        (Index as IDisposable)?.Dispose();
        using var connection = new ElasticsearchConnection(_options);
        var client = connection.Client;
        await client.Indices.DeleteAsync(_options.Index);
        await client.Indices.DeleteIndexTemplateAsync(ElasticsearchIndexTemplate.NameFor(_options.Index));
    }
}
