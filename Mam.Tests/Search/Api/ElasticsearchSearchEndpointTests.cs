using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Tests.Search.Elasticsearch;
using Mam.Tests.Support;

namespace Mam.Tests.Search.Api;

/// <summary>The API configured with Search:Provider = Elasticsearch, talking to the recording
/// stand-in: the cluster's answer reaches the client in the same shape as with FTS5, and a cluster
/// in trouble is a 503 problem, never a 500.</summary>
[TestFixture]
public sealed class ElasticsearchSearchEndpointTests
{
    private RecordingElasticsearchStandIn _node = null!;
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartApiOnTheStandIn()
    {
        _node = await RecordingElasticsearchStandIn.StartAsync();
        _api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Search:Provider"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = _node.Url.ToString(),
            ["Search:Elasticsearch:Index"] = "mam-api-test",
        });
        _client = _api.CreateReader();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        _api.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task Startup_StoresTheTemplateForTheConfiguredIndex()
    {
        (await _client.GetAsync("/health/live")).EnsureSuccessStatusCode();

        _node.Requests.ShouldContain(r => r.Method == "PUT" && r.Path == "/_index_template/mam-api-test-template");
    }

    [Test]
    public async Task Search_AnswersTheClustersClipsWithTimecodesAndFacets()
    {
        _node.Answer("POST", "/mam-api-test/_search", 200, CannedSearchResponses.Harbour);

        var body = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=harbour&camera=A");

        var search = _node.Requests.Last(r => r.Path == "/mam-api-test/_search");
        search.Json["query"]!["bool"]!["filter"].BeJson("""{"term":{"camera":{"value":"A"}}}""");
        body.GetProperty("totalClips").GetInt32().ShouldBe(7);
        var clips = body.GetProperty("clips").EnumerateArray().ToList();
        clips.Select(c => c.GetProperty("assetId").GetString()).ShouldBe([CannedSearchResponses.DesertClipId, CannedSearchResponses.HarbourClipId]);
        clips[1].GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("start").GetDouble()).ShouldBe([1.0, 10.0]);
        clips[1].GetProperty("pageUrl").GetString().ShouldBe($"/clips/{CannedSearchResponses.HarbourClipId}");
        body.GetProperty("facets").GetProperty("project")[0].GetProperty("value").GetString().ShouldBe("Harbour Film");
        body.GetProperty("count").GetInt32().ShouldBe(body.GetProperty("hits").GetArrayLength());
    }

    [Test]
    public async Task Search_WhenTheClusterIsDown_Answers503WithRetryAfter()
    {
        _node.Answer("POST", "/mam-api-test/_search", 503,
            """{"error":{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered]"},"status":503}""");
        try
        {
            var response = await _client.GetAsync("/api/search?q=harbour");

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.ShouldNotBeNull();
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:search-unavailable");
        }
        finally
        {
            _node.Answer("POST", "/mam-api-test/_search", 200, CannedSearchResponses.Empty);
        }
    }

    [TestCase("\"unbalanced quote")]
    [TestCase("text:harbour AND (")]
    [TestCase("harbour~2 OR [a TO z]")]
    [TestCase("*:*")]
    [TestCase("'; DROP TABLE segments; --")]
    [TestCase("{\"query\":{\"match_all\":{}}}")]
    public async Task Search_WithLuceneOrSqlSyntax_NeverAnswers500(string query)
    {
        var response = await _client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Search_OfTenKilobytes_Answers400WithoutAskingTheCluster()
    {
        var before = _node.Requests.Count(r => r.Path.EndsWith("/_search", StringComparison.Ordinal));

        var response = await _client.GetAsync($"/api/search?q={new string('a', 10_000)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _node.Requests.Count(r => r.Path.EndsWith("/_search", StringComparison.Ordinal)).ShouldBe(before);
    }
}
