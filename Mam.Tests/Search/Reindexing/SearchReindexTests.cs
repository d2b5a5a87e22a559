using Mam.Search;
using Mam.Tests.Support;
using Mam.Workers.Reindexing;

namespace Mam.Tests.Search.Reindexing;

/// <summary>Re-indexing from the catalog into an empty FTS5 index: every clip or one project's, with
/// progress after each batch.</summary>
[TestFixture]
public sealed class SearchReindexTests() : TempFolderTest("reindex")
{
    private ReindexCatalog _catalog = null!;

    [SetUp]
    public async Task CatalogFiveClipsNoIndexKnows()
    {
        _catalog = await ReindexCatalog.CreateAsync(Temp.Path);
        await _catalog.AddFiveClipsAsync();
    }

    [TearDown]
    public async Task Close() => await _catalog.DisposeAsync();

    [Test]
    public async Task Reindex_OfEveryClip_FillsAnEmptyIndexAndReportsProgressAfterEachBatch()
    {
        (await SearchAsync("lighthouse")).TotalClips.ShouldBe(0);
        var progress = new RecordedProgress();
        var reindex = _catalog.Reindex(batchSize: 2);

        var final = await reindex.RunAsync(await reindex.PlanAsync(null, CancellationToken.None), progress, CancellationToken.None);

        var found = await SearchAsync("lighthouse");
        found.Clips.Select(c => c.AssetId).ShouldBe(_catalog.Clips.Keys, ignoreOrder: true);
        found.Clips.Single(c => c.ClipName == "C001C002").Hits.ShouldHaveSingleItem().Start.ShouldBe(1.0);
        (await SearchAsync("b001c001")).Clips.ShouldHaveSingleItem().Project.ShouldBe(ReindexCatalog.Harbour);
        progress.Reports.Select(p => (p.Done, p.Total)).ShouldBe([(0, 5), (2, 5), (4, 5), (5, 5)]);
        (final.Done, final.Total, final.Refused.Count).ShouldBe((5, 5, 0));
        final.ToString().ShouldStartWith("5/5 clips (100%), ");
    }

    [Test]
    public async Task Reindex_OfOneProject_WritesOnlyThatProjectsClips()
    {
        var reindex = _catalog.Reindex();

        var plan = await reindex.PlanAsync(ReindexCatalog.Desert, CancellationToken.None);
        var final = await reindex.RunAsync(plan, null, CancellationToken.None);

        (final.Project, final.Done, final.Total).ShouldBe((ReindexCatalog.Desert, 2, 2));
        var found = await SearchAsync("lighthouse");
        found.Clips.Select(c => c.ClipName).ShouldBe(["C001C001", "C001C002"], ignoreOrder: true);
        found.Facets[FacetNames.Project].ShouldBe([new FacetCount(ReindexCatalog.Desert, 2)]);
    }

    [Test]
    public async Task Reindex_RunTwice_LeavesEachClipOnce()
    {
        var reindex = _catalog.Reindex();
        var plan = await reindex.PlanAsync(null, CancellationToken.None);

        await reindex.RunAsync(plan, null, CancellationToken.None);
        await reindex.RunAsync(plan, null, CancellationToken.None);

        var found = await SearchAsync("lighthouse");
        found.TotalClips.ShouldBe(5);
        found.Clips.ShouldAllBe(c => c.Hits.Count == 1);
    }

    [Test]
    public async Task Reindex_OfAProjectNotInTheCatalog_IsRefusedNamingItAndWritesNothing()
    {
        var error = await Should.ThrowAsync<ReindexRefusedException>(() => _catalog.Reindex().PlanAsync("Harbor Film", CancellationToken.None));

        error.Message.ShouldContain("'Harbor Film'");
        (await SearchAsync("lighthouse")).TotalClips.ShouldBe(0);
    }

    [Test]
    public async Task Count_IsTheClipsARunWouldWrite_AndRefusesAProjectNotInTheCatalog()
    {
        var reindex = _catalog.Reindex();

        (await reindex.CountAsync(null, CancellationToken.None)).ShouldBe(5);
        (await reindex.CountAsync(ReindexCatalog.Harbour, CancellationToken.None)).ShouldBe((await reindex.PlanAsync(ReindexCatalog.Harbour, CancellationToken.None)).AssetIds.Count);
        (await reindex.CountAsync($" {ReindexCatalog.Desert} ", CancellationToken.None)).ShouldBe(2);
        (await Should.ThrowAsync<ReindexRefusedException>(() => reindex.CountAsync("Harbor Film", CancellationToken.None))).Message.ShouldContain("'Harbor Film'");
        await Should.ThrowAsync<ReindexRefusedException>(() => reindex.CountAsync(" ", CancellationToken.None));
    }

    [TestCase("")]
    [TestCase("  ")]
    public async Task Reindex_OfABlankProjectName_IsRefused_RatherThanTakenForEveryClip(string blank)
    {
        var error = await Should.ThrowAsync<ReindexRefusedException>(() => _catalog.Reindex().PlanAsync(blank, CancellationToken.None));

        error.Message.ShouldContain("The project name is blank");
        (await SearchAsync("lighthouse")).TotalClips.ShouldBe(0);
    }

    private Task<SearchResults> SearchAsync(string query) =>
        _catalog.Index.SearchAsync(new SearchRequest(query, limit: 50), CancellationToken.None);
}
