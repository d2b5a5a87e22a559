using Mam.Search;
using Mam.Search.Elasticsearch;
using Mam.Tests.Search.Elasticsearch;
using Mam.Tests.Support;

namespace Mam.Tests.Search.Reindexing;

/// <summary>Re-indexing into Elasticsearch, seen from the recording stand-in: one bulk request per
/// batch carrying the catalog's clips, and a clip the cluster refuses costs only itself.</summary>
[TestFixture]
public sealed class ElasticsearchReindexTests() : TempFolderTest("reindex-es")
{
    private RecordingElasticsearchStandIn _node = null!;
    private ReindexCatalog _catalog = null!;

    [SetUp]
    public async Task CatalogFiveClipsAndAnEmptyCluster()
    {
        _node = await RecordingElasticsearchStandIn.StartAsync();
        _catalog = await ReindexCatalog.CreateAsync(Temp.Path, new Dictionary<string, string?>
        {
            ["Search:Provider"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = _node.Url.ToString(),
            ["Search:Elasticsearch:Index"] = "mam-clips-v2",
        });
        await _catalog.AddFiveClipsAsync();
    }

    [TearDown]
    public async Task Close()
    {
        await _catalog.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task Reindex_OfEveryClip_CreatesTheIndexThenSendsOneBulkRequestPerBatch()
    {
        var reindex = _catalog.Reindex(batchSize: 2);

        var final = await reindex.RunAsync(await reindex.PlanAsync(null, CancellationToken.None), null, CancellationToken.None);

        _node.Requests.Take(2).Select(r => $"{r.Method} {r.Path}").ShouldBe(["PUT /_index_template/mam-clips-v2-template", "HEAD /mam-clips-v2"]);
        var bulks = _node.Requests.Where(r => r.Path == "/_bulk").ToList();
        bulks.Select(b => b.NdJsonLines.Count / 2).ShouldBe([2, 2, 1]);
        var sent = bulks.SelectMany(b => b.NdJsonLines.Where((_, i) => i % 2 == 1)).ToList();
        sent.Select(d => Guid.Parse(d["assetId"]!.GetValue<string>())).ShouldBe(_catalog.Clips.Keys, ignoreOrder: true);
        sent.Single(d => d["clipName"]!.GetValue<string>() == "C001C001")["segments"]![0]!["text"]!.GetValue<string>()
            .ShouldBe("the lighthouse keeper said c001c001");
        bulks.ShouldAllBe(b => b.NdJsonLines.Where((_, i) => i % 2 == 0).All(a => a["index"]!["_index"]!.GetValue<string>() == "mam-clips-v2"));
        (final.Done, final.Refused.Count).ShouldBe((5, 0));
    }

    [Test]
    public async Task Reindex_OfOneProject_SendsOnlyThatProjectsClips()
    {
        var reindex = _catalog.Reindex();

        await reindex.RunAsync(await reindex.PlanAsync(ReindexCatalog.Harbour, CancellationToken.None), null, CancellationToken.None);

        var bulk = _node.OnlyRequest("POST", "/_bulk");
        bulk.NdJsonLines.Where((_, i) => i % 2 == 1).Select(d => d["project"]!.GetValue<string>()).ShouldBe([.. Enumerable.Repeat(ReindexCatalog.Harbour, 3)]);
    }

    [Test]
    public async Task Reindex_WhenTheClusterRefusesOneClip_WritesTheOthersAndNamesTheRefusedOne()
    {
        var refused = _catalog.Clips.Single(c => c.Value.ClipName == "A001C002").Key;
        _node.RefuseDocument(ElasticsearchDocument.Id(refused), "failed to parse field [recordedAt] of type [date]");

        var reindex = _catalog.Reindex();
        var final = await reindex.RunAsync(await reindex.PlanAsync(null, CancellationToken.None), null, CancellationToken.None);

        final.Done.ShouldBe(5);
        final.Refused.ShouldHaveSingleItem().ShouldStartWith("A001C002 (Harbour Film): ");
        final.Refused[0].ShouldContain("failed to parse field [recordedAt]");
        // The batch was tried whole, then clip by clip: every other clip reached the cluster on its own too.
        var singles = _node.Requests.Where(r => r.Path == "/_bulk" && r.NdJsonLines.Count == 2).ToList();
        singles.Select(b => b.NdJsonLines[1]["clipName"]!.GetValue<string>()).ShouldBe(_catalog.Clips.Values.Select(c => c.ClipName), ignoreOrder: true);
    }

    [Test]
    public async Task Reindex_WhenTheClusterIsOverloaded_StopsAsUnavailable()
    {
        _node.Answer("POST", "/_bulk", 429, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}""");
        var reindex = _catalog.Reindex();
        var plan = await reindex.PlanAsync(null, CancellationToken.None);

        var error = await Should.ThrowAsync<SearchUnavailableException>(() => reindex.RunAsync(plan, null, CancellationToken.None));

        error.Message.ShouldContain("429");
        _node.Requests.Count(r => r.Path == "/_bulk").ShouldBe(1);
    }
}
