using System.Text.Json.Nodes;
using Mam.Search;
using Mam.Search.Elasticsearch;

namespace Mam.Tests.Search.Elasticsearch;

/// <summary>The exact _search body the official client sends for each query feature and filter: typed
/// syntax becomes bool / match_phrase / prefix clauses over literal text, never query_string. The client
/// writes a clause list of one as the clause itself ("must": {...}), terms in their long form
/// ({"value": ...}), highlight fields as an ordered list and "aggregations" for "aggs"; Elasticsearch
/// reads each the same as the short forms.</summary>
[TestFixture]
public sealed class ElasticsearchQueryRequestTests
{
    private RecordingElasticsearchStandIn _node = null!;
    private ElasticsearchSearchIndex _index = null!;

    [SetUp]
    public async Task SetUp()
    {
        _node = await RecordingElasticsearchStandIn.StartAsync();
        _index = new ElasticsearchSearchIndex(_node.Options());
    }

    [TearDown]
    public async Task TearDown()
    {
        _index.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task Search_ForAWordWithEveryFilter_SendsTheWholeRequest()
    {
        var request = new SearchRequest("harbour", limit: 20)
        {
            Filter = new SearchFilter
            {
                Project = "Harbour Film",
                Card = "A001",
                Camera = "A",
                Codec = "prores",
                Resolution = "1920x1080",
                RecordedFrom = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc),
                RecordedBefore = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc),
                Tags = ["person", "scene 12 take 3"],
                HasFaces = true,
                QcStatus = "Warning",
            },
        };

        var body = await SearchBodyAsync(request);

        body.BeJson("""
            {
              "size": 20,
              "track_total_hits": true,
              "_source": { "excludes": ["segments", "metadata"] },
              "query": { "bool": {
                "filter": [
                  { "term": { "project": { "value": "Harbour Film" } } },
                  { "term": { "card": { "value": "A001" } } },
                  { "term": { "camera": { "value": "A" } } },
                  { "term": { "codec": { "value": "prores" } } },
                  { "term": { "resolution": { "value": "1920x1080" } } },
                  { "term": { "tags": { "value": "person" } } },
                  { "term": { "tags": { "value": "scene 12 take 3" } } },
                  { "term": { "hasFaces": { "value": true } } },
                  { "term": { "qcStatus": { "value": "warning" } } },
                  { "range": { "recordedAt": { "gte": "2026-11-20T00:00:00.000Z", "lt": "2026-11-22T00:00:00.000Z" } } }
                ],
                "should": [
                  { "nested": {
                      "path": "segments",
                      "score_mode": "max",
                      "query": { "bool": { "must": { "match_phrase": { "segments.text": { "query": "harbour" } } } } },
                      "inner_hits": {
                        "name": "segments",
                        "size": 100,
                        "highlight": {
                          "pre_tags": ["\u0002"], "post_tags": ["\u0003"],
                          "fields": [{ "segments.text": { "number_of_fragments": 0 } }, { "segments.text.plain": { "number_of_fragments": 0 } }]
                        }
                      },
                      "_name": "segments" } },
                  { "bool": {
                      "must": { "multi_match": { "query": "harbour", "type": "phrase", "fields": ["clipName.text^4", "card.text^2", "metadata"] } },
                      "_name": "asset" } }
                ],
                "minimum_should_match": 1 } },
              "highlight": {
                "pre_tags": ["\u0002"], "post_tags": ["\u0003"],
                "fields": [{ "clipName.text": { "number_of_fragments": 0 } }, { "card.text": { "number_of_fragments": 0 } }, { "metadata": { "number_of_fragments": 0 } }]
              },
              "aggregations": {
                "project": { "terms": { "field": "project", "size": 50 } },
                "card": { "terms": { "field": "card", "size": 50 } },
                "camera": { "terms": { "field": "camera", "size": 50 } },
                "codec": { "terms": { "field": "codec", "size": 50 } },
                "resolution": { "terms": { "field": "resolution", "size": 50 } },
                "tag": { "terms": { "field": "tags", "size": 50 } },
                "qc": { "terms": { "field": "qcStatus", "size": 50 } },
                "hasFaces": { "terms": { "field": "hasFaces", "size": 50 } }
              }
            }
            """);
        var search = _node.OnlyRequest("POST", "/mam-clips/_search");
        search.ContentType.ShouldBe("application/vnd.elasticsearch+json;compatible-with=9");
        search.Query.ShouldBe("?typed_keys=true");
    }

    [TestCase("\"the boat came home\"",
        """{"must":{"match_phrase":{"segments.text":{"query":"the boat came home"}}},"should":{"match":{"segments.text.shingles":{"query":"the boat came home"}}}}""")]
    [TestCase("harb*", """{"must":{"prefix":{"segments.text.plain":{"value":"harb"}}}}""")]
    [TestCase("HARB*", """{"must":{"prefix":{"segments.text.plain":{"value":"harb"}}}}""")]
    [TestCase("Café*", """{"must":{"match_phrase_prefix":{"segments.text.plain":{"query":"Café"}}}}""")]
    [TestCase("\"the boat ca*\"", """{"must":{"match_phrase_prefix":{"segments.text.plain":{"query":"the boat ca"}}}}""")]
    [TestCase("viney* boats -storm",
        """{"must":[{"prefix":{"segments.text.plain":{"value":"viney"}}},{"match_phrase":{"segments.text.plain":{"query":"boats"}}}],"must_not":{"match_phrase":{"segments.text.plain":{"query":"storm"}}}}""")]
    [TestCase("A001_C0*", """{"must":{"match_phrase_prefix":{"segments.text.plain":{"query":"A001_C0"}}}}""")]
    [TestCase("boat OR ship",
        """{"must":{"bool":{"minimum_should_match":1,"should":[{"match_phrase":{"segments.text":{"query":"boat"}}},{"match_phrase":{"segments.text":{"query":"ship"}}}]}},"should":{"match":{"segments.text.shingles":{"query":"boat ship"}}}}""")]
    [TestCase("harbour -storm NOT \"high tide\"",
        """{"must":{"match_phrase":{"segments.text":{"query":"harbour"}}},"must_not":[{"match_phrase":{"segments.text":{"query":"storm"}}},{"match_phrase":{"segments.text":{"query":"high tide"}}}]}""")]
    [TestCase("harbour AND boat",
        """{"must":[{"match_phrase":{"segments.text":{"query":"harbour"}}},{"match_phrase":{"segments.text":{"query":"boat"}}}],"should":{"match":{"segments.text.shingles":{"query":"harbour boat"}}}}""")]
    [TestCase("text:harbour^2~",
        """{"must":{"match_phrase":{"segments.text":{"query":"text:harbour^2~"}}}}""")]
    [TestCase("'; DROP TABLE x; --",
        """{"must":[{"match_phrase":{"segments.text":{"query":"DROP"}}},{"match_phrase":{"segments.text":{"query":"TABLE"}}},{"match_phrase":{"segments.text":{"query":"x;"}}}],"should":{"match":{"segments.text.shingles":{"query":"DROP TABLE x;"}}}}""")]
    [TestCase("\"unbalanced harbour",
        """{"must":[{"match_phrase":{"segments.text":{"query":"unbalanced"}}},{"match_phrase":{"segments.text":{"query":"harbour"}}}],"should":{"match":{"segments.text.shingles":{"query":"unbalanced harbour"}}}}""")]
    [TestCase("(harbour) AND [boat] {x TO y}",
        """{"must":[{"match_phrase":{"segments.text":{"query":"(harbour)"}}},{"match_phrase":{"segments.text":{"query":"[boat]"}}},{"match_phrase":{"segments.text":{"query":"{x"}}},{"match_phrase":{"segments.text":{"query":"TO"}}},{"match_phrase":{"segments.text":{"query":"y}"}}}],"should":{"match":{"segments.text.shingles":{"query":"(harbour) [boat] {x TO y}"}}}}""")]
    public async Task Search_RendersTheTypedSyntaxAsLiteralClausesPerSegment(string typed, string expectedSegmentBool)
    {
        var body = await SearchBodyAsync(new SearchRequest(typed));

        body["query"]!["bool"]!["should"]![0]!["nested"]!["query"]!["bool"].BeJson(expectedSegmentBool);
    }

    [TestCase("harb*", """{"must":{"multi_match":{"fields":["clipName.text^4","card.text^2","metadata"],"query":"harb","type":"phrase_prefix"}},"_name":"asset"}""")]
    [TestCase("A001_C007 -B002",
        """{"must":{"multi_match":{"fields":["clipName.text^4","card.text^2","metadata"],"query":"A001_C007","type":"phrase"}},"must_not":{"multi_match":{"fields":["clipName.text^4","card.text^2","metadata"],"query":"B002","type":"phrase"}},"_name":"asset"}""")]
    public async Task Search_MatchesTheSameExpressionOnTheClipsNameCardAndMetadata(string typed, string expectedAssetBool)
    {
        var body = await SearchBodyAsync(new SearchRequest(typed));

        body["query"]!["bool"]!["should"]![1]!["bool"].BeJson(expectedAssetBool);
    }

    [Test]
    public async Task Search_WithoutWordsButWithAFilter_BrowsesNewestRecordingFirstWithoutScoring()
    {
        var body = await SearchBodyAsync(new SearchRequest("  ", limit: 5) { Filter = new SearchFilter { Project = "Harbour Film" } });

        body["query"].BeJson("""{"bool":{"filter":{"term":{"project":{"value":"Harbour Film"}}}}}""");
        body["sort"].BeJson("""
            [{"recordedAt":{"order":"desc","missing":"_last"}},{"project":{"order":"asc"}},{"card":{"order":"asc"}},
             {"clipName":{"order":"asc"}},{"assetId":{"order":"asc"}}]
            """);
        body["size"]!.GetValue<int>().ShouldBe(5);
        body.AsObject().ContainsKey("highlight").ShouldBeFalse();
        body.AsObject().ContainsKey("aggregations").ShouldBeTrue();
    }

    [Test]
    public async Task Search_WithOnlyAnEndDate_SendsAnOpenRange()
    {
        var body = await SearchBodyAsync(new SearchRequest("harbour")
        {
            Filter = new SearchFilter { RecordedBefore = new DateTime(2026, 11, 21, 14, 30, 0, 1, DateTimeKind.Utc), HasFaces = false },
        });

        body["query"]!["bool"]!["filter"].BeJson("""
            [{"term":{"hasFaces":{"value":false}}},{"range":{"recordedAt":{"lt":"2026-11-21T14:30:00.001Z"}}}]
            """);
    }

    [TestCase("")]
    [TestCase("* ( ) ^")]
    [TestCase("-harbour")]
    public async Task Search_ThatNeedsNoEngine_IsRefusedBeforeAnyRequest(string typed)
    {
        await Should.ThrowAsync<SearchQueryException>(() => _index.SearchAsync(new SearchRequest(typed), CancellationToken.None));

        _node.Requests.ShouldNotContain(r => r.Path.EndsWith("/_search", StringComparison.Ordinal));
    }

    [Test]
    public async Task Search_OfTenKilobytes_IsRefusedBeforeAnyRequest()
    {
        var typed = string.Concat(Enumerable.Repeat("harbour ", 1280));

        var error = await Should.ThrowAsync<SearchQueryException>(() => _index.SearchAsync(new SearchRequest(typed), CancellationToken.None));

        error.Message.ShouldContain("too long");
        _node.Requests.ShouldBeEmpty();
    }

    private async Task<JsonNode> SearchBodyAsync(SearchRequest request)
    {
        await _index.SearchAsync(request, CancellationToken.None);
        return _node.OnlyRequest("POST", "/mam-clips/_search").Json;
    }
}
