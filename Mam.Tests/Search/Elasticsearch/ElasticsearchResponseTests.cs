using System.Net;
using System.Net.Sockets;
using Mam.Search;
using Mam.Search.Elasticsearch;

namespace Mam.Tests.Search.Elasticsearch;

/// <summary>How the adapter reads what a cluster answers: clips from hits, every timecode from
/// inner_hits, snippets from highlight, asset hits from matched_queries, facets from aggregations;
/// and which failures are the query's fault (400) and which are the cluster's (503).</summary>
[TestFixture]
public sealed class ElasticsearchResponseTests
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
    public async Task Search_ReadsClipsInTheClustersOrderWithEveryMatchingTimecodeInTimeOrder()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Harbour);

        var results = await SearchAsync("harbour");

        results.TotalClips.ShouldBe(7);
        results.Clips.Select(c => c.AssetId.ToString()).ShouldBe([CannedSearchResponses.DesertClipId, CannedSearchResponses.HarbourClipId]);
        var harbour = results.Clips[1];
        (harbour.ClipName, harbour.Project, harbour.Card, harbour.Camera).ShouldBe(("A001C001", "Harbour Film", "A001", "A"));
        (harbour.Codec, harbour.Resolution, harbour.QcStatus, harbour.HasFaces).ShouldBe(("prores", "1920x1080", "pass", true));
        harbour.RecordedAt.ShouldBe(new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc));
        harbour.Score.ShouldBe(2.5);
        harbour.Hits.Select(h => (h.Start, h.End, h.Source)).ShouldBe([(1.0, 3.5, "transcript"), (10.0, 12.0, "transcript")]);
        harbour.Hits[0].Confidence.ShouldBe(0.9);
        harbour.Hits[1].Confidence.ShouldBeNull();
        harbour.Hits.ShouldAllBe(h => h.Kind == SearchHitKinds.Segment);
    }

    [Test]
    public async Task Search_TurnsHighlightsIntoHtmlSafeSnippets()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Harbour);

        var results = await SearchAsync("harbour");

        var harbour = results.Clips[1];
        harbour.Hits[0].Snippet.ShouldBe("The boat came home to the <mark>harbours</mark> at dawn.");
        harbour.Hits[1].Snippet.ShouldBe("Meet me at the <mark>harbour</mark> &lt;wall&gt; &amp; gate.");
    }

    [Test]
    public async Task Search_ShortensALongHighlightedLineAroundTheMatch()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Harbour);

        var results = await SearchAsync("harbour");

        var ocr = results.Clips[0].Hits.Single(h => h.Kind == SearchHitKinds.Segment);
        ocr.Source.ShouldBe(SegmentSources.Text);
        ocr.Snippet.ShouldBe("…six seven eight nine ten <mark>HARBOUR</mark> eleven twelve thirteen fourteen fifteen sixteen");
    }

    [Test]
    public async Task Search_WhenTheNameOrMetadataMatched_ListsAnAssetHitFirst()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Harbour);

        var results = await SearchAsync("harbour");

        var desert = results.Clips[0];
        desert.Hits.Select(h => h.Kind).ShouldBe([SearchHitKinds.Asset, SearchHitKinds.Segment]);
        var asset = desert.Hits[0];
        (asset.Start, asset.End, asset.Source).ShouldBe((null, null, SegmentSources.Clip));
        asset.Snippet.ShouldBe("A001C009.mov camera A <mark>harbour</mark> set");
        results.Clips[1].Hits.ShouldNotContain(h => h.Kind == SearchHitKinds.Asset);
    }

    /// <summary>The unified highlighter marks a phrase word by word or, with weighted matches, as one
    /// run; either way each occurrence becomes a hit at its words' stored times (base64 of 4 bytes a
    /// word: centiseconds from the segment's start), as FTS5 gives them.</summary>
    [TestCase("the \u0002young\u0003 \u0002man\u0003 left and later the \u0002young\u0003 \u0002man\u0003 came back")]
    [TestCase("the \u0002young man\u0003 left and later the \u0002young man\u0003 came back")]
    public async Task Search_PutsEachOccurrenceOfAPhraseAtItsWordsTimes(string highlight)
    {
        var words = new byte[1 + 11 * 4];
        words[0] = 1;
        for (var i = 0; i < 11; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(words.AsSpan(1 + i * 4), (ushort)(50 * i));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(words.AsSpan(3 + i * 4), (ushort)(50 * i + 30));
        }

        _node.Answer("POST", "/mam-clips/_search", 200, """
            {"took":1,"timed_out":false,"hits":{"total":{"value":1,"relation":"eq"},"max_score":3.0,"hits":[
              {"_index":"mam-clips","_id":"ASSET","_score":3.0,
               "_source":{"assetId":"ASSET","project":"Harbour Film","card":"A001","clipName":"A001C001","tags":[],"hasFaces":false},
               "matched_queries":["segments"],
               "inner_hits":{"segments":{"hits":{"total":{"value":1,"relation":"eq"},"max_score":3.0,"hits":[
                 {"_index":"mam-clips","_id":"ASSET","_nested":{"field":"segments","offset":0},"_score":3.0,
                  "_source":{"start":20.0,"end":25.3,"source":"transcript","text":"the young man left and later the young man came back",
                             "words":"WORDS"},
                  "highlight":{"segments.text":["HIGHLIGHT"]}}]}}}}]}}
            """
            .Replace("ASSET", CannedSearchResponses.HarbourClipId, StringComparison.Ordinal)
            .Replace("WORDS", Convert.ToBase64String(words), StringComparison.Ordinal)
            // Elasticsearch writes the highlight markers as JSON escapes; a raw control character is not JSON.
            .Replace("HIGHLIGHT", highlight.Replace("\u0002", "\\u0002", StringComparison.Ordinal).Replace("\u0003", "\\u0003", StringComparison.Ordinal), StringComparison.Ordinal));

        var hits = (await SearchAsync("\"young man\"")).Clips.ShouldHaveSingleItem().Hits;

        hits.Count.ShouldBe(2);
        hits.Select(h => Math.Round(h.Start!.Value, 2)).ShouldBe([20.5, 23.5]);
        hits.Select(h => Math.Round(h.End!.Value, 2)).ShouldBe([21.3, 24.3]);
        hits.ShouldAllBe(h => h.Score == 3.0 && h.Snippet.Contains("young", StringComparison.Ordinal));
    }

    [Test]
    public async Task Search_FlatHitsAreTheBestHitsAcrossClips()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Harbour);

        var results = await _index.SearchAsync(new SearchRequest("harbour", limit: 3), CancellationToken.None);

        results.Hits.Select(h => h.Score).ShouldBe([4.2, 2.5, 1.9]);
        results.Hits.Select(h => h.Kind).ShouldBe([SearchHitKinds.Asset, SearchHitKinds.Segment, SearchHitKinds.Segment]);
    }

    [Test]
    public async Task Search_ReadsFacetsFromAggregations_BooleansAsTrueAndFalse()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Harbour);

        var facets = (await SearchAsync("harbour")).Facets;

        facets.Keys.ShouldBe(FacetNames.All, ignoreOrder: true);
        facets[FacetNames.Project].ShouldBe([new FacetCount("Harbour Film", 5), new FacetCount("Desert Film", 2)]);
        facets[FacetNames.Tag].ShouldBe([new FacetCount("person", 2), new FacetCount("scene 12 take 3", 1)]);
        facets[FacetNames.HasFaces].ShouldBe([new FacetCount("false", 5), new FacetCount("true", 2)]);
        facets[FacetNames.Resolution].ShouldBe([new FacetCount("1920x1080", 4), new FacetCount("3840x2160", 3)]);
    }

    [Test]
    public async Task Search_Browse_ListsClipsWithoutHitsAndOneAssetHitEach()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Browse);

        var results = await _index.SearchAsync(new SearchRequest("") { Filter = new SearchFilter { Project = "Harbour Film" } }, CancellationToken.None);

        var clip = results.Clips.ShouldHaveSingleItem();
        (clip.Score, clip.Hits.Count, clip.Camera).ShouldBe((0.0, 0, null));
        results.Hits.ShouldHaveSingleItem().Kind.ShouldBe(SearchHitKinds.Asset);
        results.Facets[FacetNames.Project].ShouldBe([new FacetCount("Harbour Film", 1)]);
        results.Facets[FacetNames.Camera].ShouldBeEmpty();
    }

    [Test]
    public async Task Search_RefusedAs400_IsAQueryProblemForTheUser()
    {
        _node.Answer("POST", "/mam-clips/_search", 400,
            """{"error":{"root_cause":[],"type":"search_phase_execution_exception","reason":"too_many_nested_clauses"},"status":400}""");

        var error = await Should.ThrowAsync<SearchQueryException>(() => SearchAsync("harbour"));

        error.Message.ShouldContain("too_many_nested_clauses");
    }

    [TestCase(503, """{"error":{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered]"},"status":503}""")]
    [TestCase(429, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}""")]
    [TestCase(200, "<html>proxy error</html>")]
    [TestCase(200, """{"took":1}""")]
    [TestCase(401, """{"error":{"type":"security_exception","reason":"missing authentication credentials"},"status":401}""")]
    public async Task Search_WhenTheClusterCannotAnswer_IsUnavailableNotAServerBug(int status, string body)
    {
        _node.Answer("POST", "/mam-clips/_search", status, body);

        var error = await Should.ThrowAsync<SearchUnavailableException>(() => SearchAsync("harbour"));

        error.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [TestCase(401, "missing authentication credentials")]
    [TestCase(403, "action [indices:data/read/search] is unauthorized")]
    public async Task Search_WhenTheKeyIsRefused_SaysWhichSettingToCheck(int status, string reason)
    {
        _node.Answer("POST", "/mam-clips/_search", status, $$"""{"error":{"type":"security_exception","reason":"{{reason}}"},"status":{{status}}}""");

        var error = await Should.ThrowAsync<SearchUnavailableException>(() => SearchAsync("harbour"));

        error.Message.ShouldContain(reason);
        error.Message.ShouldContain("Search:Elasticsearch:ApiKey");
    }

    [Test]
    public async Task Search_WhenTheServerIsNotElasticsearch_IsUnavailableNamingTheUrlSetting_AndRecoversWhenItIs()
    {
        _node.Answer("POST", "/mam-clips/_search", 200, CannedSearchResponses.Harbour);
        _node.ActsAsAnotherProduct = true;

        var error = await Should.ThrowAsync<SearchUnavailableException>(() => SearchAsync("harbour"));

        error.Message.ShouldContain("Search:Elasticsearch:Url");
        Mam.Workers.Pipeline.TransientFailures.IsTransient(error).ShouldBeTrue();

        // The client refuses for good once it has seen another product; a proxy's passing page must not
        // keep search down until a restart.
        _node.ActsAsAnotherProduct = false;
        (await SearchAsync("harbour")).TotalClips.ShouldBe(7);
    }

    [Test]
    public async Task Search_WhenTheServerIsNotElasticsearchTimeAfterTime_LeavesNoConnectionOpenForEachRefusal()
    {
        _node.ActsAsAnotherProduct = true;
        for (var i = 0; i < 5; i++)
        {
            await Should.ThrowAsync<SearchUnavailableException>(() => SearchAsync("harbour"));
        }

        // Each refusal replaces the client; the replaced one's keep-alive connection must close with it,
        // or a proxy's bad spell leaves the cluster a socket per request until a restart.
        (await OpenConnectionsOnceSettledAsync(atMost: 1)).ShouldBeLessThanOrEqualTo(1);
        _index.Dispose();
        (await OpenConnectionsOnceSettledAsync(atMost: 0)).ShouldBe(0, "disposing the index (as DI does at shutdown) closes the last one");
    }

    [Test]
    public async Task Search_WhenNothingListens_IsUnavailable()
    {
        using var index = new ElasticsearchSearchIndex(new ElasticsearchOptions { Url = $"http://127.0.0.1:{FreePort()}/", Index = "mam-clips" });

        var error = await Should.ThrowAsync<SearchUnavailableException>(() =>
            index.SearchAsync(new SearchRequest("harbour"), CancellationToken.None));

        error.Message.ShouldContain("cannot be reached");
        Mam.Workers.Pipeline.TransientFailures.IsTransient(error).ShouldBeTrue();
    }

    [Test]
    public async Task Search_WhenTheClusterIsTooSlow_IsUnavailableAfterTheTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var index = new ElasticsearchSearchIndex(new ElasticsearchOptions
        {
            Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/",
            Index = "mam-clips",
            RequestTimeout = TimeSpan.FromSeconds(1),
        });

        var error = await Should.ThrowAsync<SearchUnavailableException>(() =>
            index.SearchAsync(new SearchRequest("harbour"), CancellationToken.None));

        error.Message.ShouldContain("did not answer within");
    }

    private Task<SearchResults> SearchAsync(string typed) => _index.SearchAsync(new SearchRequest(typed), CancellationToken.None);

    /// <summary>Closing a socket reaches the server a moment later; waits for that, within reason.</summary>
    private async Task<int> OpenConnectionsOnceSettledAsync(int atMost)
    {
        for (var i = 0; i < 100 && _node.OpenConnections > atMost; i++)
        {
            await Task.Delay(100);
        }
        return _node.OpenConnections;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
