using Mam.Search;
using Mam.Search.Sqlite;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search;

/// <summary>The FTS5 engine keeps every clip's filter fields in memory; another writer (a worker
/// process, the re-index command) changes the file under it. Two engines on one file stand for two
/// processes: each has its own connections and its own copy in memory.</summary>
[TestFixture]
public sealed class SqliteClipsInMemoryTests
{
    [Test]
    public async Task Search_AfterAnotherWriterAddsChangesAndRemovesClips_SeesEveryChangeWithItsFiltersAndFacets()
    {
        using var folder = new TempFolder("search-two-writers");
        var path = folder.File("search.db");
        var reader = new SqliteFtsSearchIndex(path);
        var writer = new SqliteFtsSearchIndex(path);
        await reader.EnsureCreatedAsync(CancellationToken.None);
        var first = Clip("Harbour Film", "A", "The lantern by the door.");
        var leaving = Clip("Harbour Film", "A", "Another lantern in the hall.");
        await reader.IndexAssetsAsync([first, leaving], CancellationToken.None);
        (await Lantern(reader)).TotalClips.ShouldBe(2);

        var added = Clip("Desert Film", "B", "A lantern in the tent.") with { Tags = ["car"] };
        await writer.IndexAssetAsync(added, CancellationToken.None);
        await writer.IndexAssetAsync(first with { Camera = "C" }, CancellationToken.None);
        await writer.RemoveAssetAsync(leaving.AssetId, CancellationToken.None);

        var results = await Lantern(reader);
        results.Clips.Select(c => c.AssetId).ShouldBe([first.AssetId, added.AssetId], ignoreOrder: true);
        results.Facets[FacetNames.Camera].ShouldBe([new FacetCount("B", 1), new FacetCount("C", 1)]);
        results.Facets[FacetNames.Project].ShouldBe([new FacetCount("Desert Film", 1), new FacetCount("Harbour Film", 1)]);
        (await Lantern(reader, new SearchFilter { Project = "Desert Film", Tags = ["car"] })).Clips.ShouldHaveSingleItem().AssetId.ShouldBe(added.AssetId);
        (await Lantern(reader, new SearchFilter { Camera = "A" })).TotalClips.ShouldBe(0);
        (await reader.SearchAsync(new SearchRequest("") { Filter = new SearchFilter { Camera = "C" } }, CancellationToken.None))
            .Clips.ShouldHaveSingleItem().AssetId.ShouldBe(first.AssetId);
        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task Search_WhileAnotherWriterKeepsAddingClips_FindsEachClipOnceItsWriteIsCommitted()
    {
        using var folder = new TempFolder("search-writer-running");
        var path = folder.File("search.db");
        var reader = new SqliteFtsSearchIndex(path);
        var writer = new SqliteFtsSearchIndex(path);
        await reader.EnsureCreatedAsync(CancellationToken.None);

        for (var written = 1; written <= 25; written++)
        {
            await writer.IndexAssetAsync(Clip($"Project {written % 3}", "A", $"lantern number{written}"), CancellationToken.None);
            var results = await Lantern(reader);
            results.TotalClips.ShouldBe(written);
            results.Facets[FacetNames.Project].Sum(f => f.Count).ShouldBe(written);
            (await reader.SearchAsync(new SearchRequest($"number{written}"), CancellationToken.None)).TotalClips.ShouldBe(1);
        }

        SqliteConnection.ClearAllPools();
    }

    private static Task<SearchResults> Lantern(SqliteFtsSearchIndex index, SearchFilter? filter = null) =>
        index.SearchAsync(new SearchRequest("lantern", limit: 50) { Filter = filter ?? new SearchFilter() }, CancellationToken.None);

    private static AssetDocument Clip(string project, string camera, string line) =>
        new(Guid.NewGuid(), project, "A001", "C001", "", [new SegmentDocument(1, 3, line, SegmentSources.Transcript)]) { Camera = camera };
}
