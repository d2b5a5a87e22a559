using Mam.Search;
using Mam.Search.Elasticsearch;

namespace Mam.Tests.Search.Elasticsearch;

/// <summary>What the adapter sends to create the index and to write clips: the exact template, the
/// _bulk NDJSON, the delete; and how it reacts to what the cluster answers.</summary>
[TestFixture]
public sealed class ElasticsearchIndexingRequestTests
{
    private RecordingElasticsearchStandIn _node = null!;

    [SetUp]
    public async Task SetUp()
    {
        _node = await RecordingElasticsearchStandIn.StartAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _node.DisposeAsync();
    }

    [Test]
    public async Task EnsureCreated_WhenTheIndexIsMissing_StoresTheTemplateThenCreatesTheIndex()
    {
        _node.Answer("HEAD", "/mam-clips", 404, "");

        await Index().EnsureCreatedAsync(CancellationToken.None);

        _node.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe(
            ["PUT /_index_template/mam-clips-template", "HEAD /mam-clips", "PUT /mam-clips"]);
        var template = _node.OnlyRequest("PUT", "/_index_template/mam-clips-template");
        template.ContentType.ShouldBe("application/vnd.elasticsearch+json;compatible-with=9");
        template.Json.BeJson(ExpectedTemplate);
    }

    [Test]
    public async Task EnsureCreated_WhenTheIndexExists_RefreshesTheTemplateAndAddsTheWordTimesToItsMapping()
    {
        await Index().EnsureCreatedAsync(CancellationToken.None);

        // An index made from the layout-1 template has a strict mapping without segments.words: every
        // clip with word times would be refused until the field is added.
        _node.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe(
            ["PUT /_index_template/mam-clips-template", "HEAD /mam-clips", "PUT /mam-clips/_mapping"]);
        _node.OnlyRequest("PUT", "/mam-clips/_mapping").Json.BeJson("""
            {"properties":{"segments":{"type":"nested","properties":{"words":{"type":"binary"}}}}}
            """);
    }

    [Test]
    public async Task EnsureCreated_WhenAnotherWorkerCreatedTheIndexFirst_Succeeds()
    {
        _node.Answer("HEAD", "/mam-clips", 404, "");
        _node.Answer("PUT", "/mam-clips", 400,
            """{"error":{"type":"resource_already_exists_exception","reason":"index [mam-clips/abc] already exists"},"status":400}""");

        await Should.NotThrowAsync(() => Index().EnsureCreatedAsync(CancellationToken.None));
    }

    [Test]
    public async Task EnsureCreated_WithARefusedApiKey_SaysWhichSettingToCheck()
    {
        _node.Answer("PUT", "/_index_template/mam-clips-template", 401,
            """{"error":{"type":"security_exception","reason":"unable to authenticate with provided credentials"},"status":401}""");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => Index(apiKey: "bad").EnsureCreatedAsync(CancellationToken.None));

        error.Message.ShouldContain("security_exception");
        error.Message.ShouldContain("Search:Elasticsearch:ApiKey");
    }

    [Test]
    public async Task EveryRequest_CarriesTheApiKey()
    {
        await Index(apiKey: "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==").IndexAssetAsync(Clip(), CancellationToken.None);

        _node.Requests.Count.ShouldBe(4);
        _node.Requests.ShouldAllBe(r => r.Authorization == "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
    }

    [Test]
    public async Task EveryRequest_KeepsTheClientsVersionsToItselfAndGoesOnlyToTheConfiguredNode()
    {
        await Index().IndexAssetAsync(Clip(), CancellationToken.None);
        await Index().RemoveAssetAsync(Clip().AssetId, CancellationToken.None);

        // A single-node pool neither sniffs nor pings: only the adapter's own calls reach the node.
        _node.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe([
            "PUT /_index_template/mam-clips-template", "HEAD /mam-clips", "PUT /mam-clips/_mapping", "POST /_bulk",
            "PUT /_index_template/mam-clips-template", "HEAD /mam-clips", "PUT /mam-clips/_mapping",
            "DELETE /mam-clips/_doc/11111111-1111-1111-1111-111111111111"]);
        _node.Requests.ShouldAllBe(r => !r.Headers.ContainsKey("x-elastic-client-meta"));
    }

    [Test]
    public async Task IndexAsset_SendsOneBulkIndexActionWithTheWholeClipAndWaitsForRefresh()
    {
        await Index().IndexAssetAsync(Clip(), CancellationToken.None);

        var bulk = _node.OnlyRequest("POST", "/_bulk");
        bulk.Query.ShouldBe("?refresh=wait_for");
        bulk.ContentType.ShouldBe("application/x-ndjson");
        bulk.Body.ShouldEndWith("\n");
        bulk.NdJsonLines.Count.ShouldBe(2);
        bulk.NdJsonLines[0].BeJson("""{"index":{"_index":"mam-clips","_id":"11111111-1111-1111-1111-111111111111"}}""");
        // The client's source serializer writes doubles round-trippably (17 digits): the same numbers.
        bulk.NdJsonLines[1].BeJson("""
            {"assetId":"11111111-1111-1111-1111-111111111111","project":"Harbour Film","card":"A001","clipName":"A001C001",
             "metadata":"A001C001.mov camera A","camera":"A","recordedAt":"2026-11-20T09:00:00.000Z","codec":"prores",
             "resolution":"1920x1080","tags":["person","scene 12 take 3"],"hasFaces":true,"qcStatus":"pass",
             "segments":[
               {"start":1.0,"end":3.5,"source":"transcript","text":"The boat came home.","confidence":0.90000000000000002},
               {"start":0.0,"end":1.0,"source":"slate","text":"scene 12 take 3 HARBOUR FILM"},
               {"start":2.0,"end":6.0,"source":"object","text":"person","confidence":0.80000000000000004}]}
            """);
    }

    [Test]
    public async Task IndexAsset_SendsTheWordsTimesWithTheirSegment_AndALineTheRecogniserCutInTwoAsOne()
    {
        var clip = new AssetDocument(Guid.Parse(CannedSearchResponses.HarbourClipId), "P", "C", "C001", "",
        [
            new SegmentDocument(30, 30.7, "the young", SegmentSources.Transcript) { Words = [new("the", 30, 30.2), new("young", 30.3, 30.7)] },
            new SegmentDocument(31.0, 31.5, "man", SegmentSources.Transcript) { Words = [new("man", 31.0, 31.5)] },
            new SegmentDocument(0, 1, "scene 1 take 1", SegmentSources.Slate),
        ]);

        await Index().IndexAssetAsync(clip, CancellationToken.None);

        var segments = _node.OnlyRequest("POST", "/_bulk").NdJsonLines[1]["segments"]!.AsArray();
        segments.Count.ShouldBe(2);
        segments[0].BeJson("""
            {"start":30,"end":31.5,"source":"transcript","text":"the young man","words":"AQAAFAAeAEYAZACWAA=="}
            """);
        // Version 1, then per word its start and end in centiseconds from 30 s: the 0–20, young 30–70, man 100–150.
        Convert.FromBase64String(segments[0]!["words"]!.GetValue<string>()).ShouldBe(
            new byte[] { 1, 0, 0, 20, 0, 30, 0, 70, 0, 100, 0, 150, 0 });
        segments[1].BeJson("""{"start":0,"end":1,"source":"slate","text":"scene 1 take 1"}""");
    }

    [Test]
    public async Task IndexAsset_LeavesUnknownFieldsOutAndCleansControlCharacters()
    {
        var clip = new AssetDocument(Guid.Parse(CannedSearchResponses.HarbourClipId), "P", "C", "A\u0002B", "", [
            new SegmentDocument(0, 1, "the \u0003end", SegmentSources.Transcript)]);

        await Index().IndexAssetAsync(clip, CancellationToken.None);

        _node.OnlyRequest("POST", "/_bulk").NdJsonLines[1].BeJson("""
            {"assetId":"11111111-1111-1111-1111-111111111111","project":"P","card":"C","clipName":"A B","metadata":"",
             "tags":[],"hasFaces":false,"segments":[{"start":0,"end":1,"source":"transcript","text":"the  end"}]}
            """);
    }

    [Test]
    public async Task IndexAssets_SendsEveryClipInOneBulkRequest()
    {
        var clips = Enumerable.Range(0, 50).Select(i => Clip() with { AssetId = Guid.NewGuid(), ClipName = $"C{i:000}" }).ToList();

        await Index().IndexAssetsAsync(clips, CancellationToken.None);

        var lines = _node.OnlyRequest("POST", "/_bulk").NdJsonLines;
        lines.Count.ShouldBe(100);
        lines.Where((_, i) => i % 2 == 1).Select(l => l["clipName"]!.GetValue<string>()).ShouldBe(clips.Select(c => c.ClipName));
    }

    [Test]
    public async Task IndexAsset_WhenTheClusterRefusesTheDocument_NamesTheClipAndTheReason()
    {
        _node.Answer("POST", "/_bulk", 200, """
            {"took":1,"errors":true,"items":[{"index":{"_index":"mam-clips","_id":"11111111-1111-1111-1111-111111111111","status":400,
              "error":{"type":"document_parsing_exception","reason":"[1:20] failed to parse field [recordedAt] of type [date]"}}}]}
            """);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => Index().IndexAssetAsync(Clip(), CancellationToken.None));

        error.Message.ShouldContain("11111111-1111-1111-1111-111111111111");
        error.Message.ShouldContain("failed to parse field [recordedAt]");
    }

    [Test]
    public async Task IndexAsset_WhenTheClusterPushesBack_IsUnavailableSoTheStageIsRetried()
    {
        _node.Answer("POST", "/_bulk", 200, """
            {"took":1,"errors":true,"items":[{"index":{"_index":"mam-clips","_id":"11111111-1111-1111-1111-111111111111","status":429,
              "error":{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"}}}]}
            """);

        var error = await Should.ThrowAsync<SearchUnavailableException>(() => Index().IndexAssetAsync(Clip(), CancellationToken.None));

        Mam.Workers.Pipeline.TransientFailures.IsTransient(error).ShouldBeTrue();
    }

    [Test]
    public async Task IndexAsset_WithASegmentEndingBeforeItStarts_SendsNothing()
    {
        await Should.ThrowAsync<ArgumentException>(() => Index().IndexAssetAsync(
            Clip() with { Segments = [new SegmentDocument(5, 1, "x", SegmentSources.Transcript)] }, CancellationToken.None));

        _node.Requests.ShouldNotContain(r => r.Path == "/_bulk");
    }

    [Test]
    public async Task RemoveAsset_DeletesTheClipsDocument_AndAMissingOneIsFine()
    {
        var id = Guid.Parse(CannedSearchResponses.HarbourClipId);
        await Index().RemoveAssetAsync(id, CancellationToken.None);
        var delete = _node.OnlyRequest("DELETE", $"/mam-clips/_doc/{id}");
        delete.Query.ShouldBe("?refresh=wait_for");

        _node.Answer("DELETE", $"/mam-clips/_doc/{id}", 404, """{"result":"not_found"}""");
        await Should.NotThrowAsync(() => Index().RemoveAssetAsync(id, CancellationToken.None));
    }

    internal static AssetDocument Clip() =>
        new(Guid.Parse(CannedSearchResponses.HarbourClipId), "Harbour Film", "A001", "A001C001", "A001C001.mov camera A",
        [
            new SegmentDocument(1.0, 3.5, "The boat came home.", SegmentSources.Transcript) { Confidence = 0.9 },
            new SegmentDocument(0, 1, "scene 12 take 3 HARBOUR FILM", SegmentSources.Slate),
            new SegmentDocument(2, 6, "person", SegmentSources.Object) { Confidence = 0.8 },
        ])
        {
            Camera = "A",
            RecordedAt = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc),
            Codec = "prores",
            Resolution = "1920x1080",
            Tags = ["person", "scene 12 take 3"],
            HasFaces = true,
            QcStatus = QcStatuses.Pass,
        };

    private ElasticsearchSearchIndex Index(string? apiKey = null) =>
        new(_node.Options(apiKey: apiKey));

    private const string ExpectedTemplate = """
        {
          "index_patterns": "mam-clips",
          "priority": 200,
          "_meta": { "description": "MAM clips with time-coded segments", "layout": 2 },
          "template": {
            "settings": {
              "mapping": { "nested_objects": { "limit": 50000 } },
              "analysis": {
                "filter": {
                  "english_possessive": { "type": "stemmer", "language": "possessive_english" },
                  "english_stemmer": { "type": "stemmer", "language": "english" },
                  "word_pairs": { "type": "shingle", "min_shingle_size": 2, "max_shingle_size": 3, "output_unigrams": false }
                },
                "tokenizer": { "identifier_parts": { "type": "pattern", "pattern": "[^\\p{L}\\p{N}]+" } },
                "analyzer": {
                  "dialogue": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding", "english_possessive", "english_stemmer"] },
                  "dialogue_plain": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"] },
                  "dialogue_shingles": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding", "english_possessive", "english_stemmer", "word_pairs"] },
                  "identifier": { "type": "custom", "tokenizer": "identifier_parts", "filter": ["lowercase", "asciifolding"] }
                }
              }
            },
            "mappings": {
              "dynamic": "strict",
              "properties": {
                "assetId": { "type": "keyword" },
                "project": { "type": "keyword" },
                "card": { "type": "keyword", "fields": { "text": { "type": "text", "analyzer": "identifier" } } },
                "clipName": { "type": "keyword", "fields": { "text": { "type": "text", "analyzer": "identifier" } } },
                "metadata": { "type": "text", "analyzer": "identifier" },
                "camera": { "type": "keyword" },
                "recordedAt": { "type": "date" },
                "codec": { "type": "keyword" },
                "resolution": { "type": "keyword" },
                "tags": { "type": "keyword" },
                "hasFaces": { "type": "boolean" },
                "qcStatus": { "type": "keyword" },
                "segments": {
                  "type": "nested",
                  "properties": {
                    "start": { "type": "double" },
                    "end": { "type": "double" },
                    "source": { "type": "keyword" },
                    "confidence": { "type": "float" },
                    "words": { "type": "binary" },
                    "text": {
                      "type": "text",
                      "analyzer": "dialogue",
                      "fields": {
                        "plain": { "type": "text", "analyzer": "dialogue_plain", "index_prefixes": { "min_chars": 2, "max_chars": 5 } },
                        "shingles": { "type": "text", "analyzer": "dialogue_shingles" }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
