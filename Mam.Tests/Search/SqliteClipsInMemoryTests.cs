using Mam.Search;
using Mam.Search.Sqlite;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search;

/// <summary>The FTS5 engine keeps every clip's filter fields in memory; another writer (a worker
/// process, the re-index command) changes the file under it. Two engines on one file stand for two
/// processes: each has its own connections and its own copy in memory. A filter that lets few clips
/// through (a quarter or fewer, e.g. one project of many) is handed to the full-text statement, which
/// then passes on only those clips' matches; a broader one is applied afterwards in memory. Either way
/// an editor must get the same clips in the same order with the same scores as unfiltered.</summary>
[TestFixture]
public sealed class SqliteClipsInMemoryTests
{
    private static readonly string[] Projects = ["Harbour Film", "Desert Film", "Desert Film", "Forest Film", "Forest Film"];

    [TestCase("Harbour Film", 2, TestName = "AProjectFilter_OfFewClips_ListsTheSameScoresAndOrderAsUnfiltered")]
    [TestCase("Desert Film", 4, TestName = "AProjectFilter_OfManyClips_ListsTheSameScoresAndOrderAsUnfiltered")]
    public async Task AProjectFilter_ListsItsClipsWithTheirUnfilteredScores(string project, int expected)
    {
        using var folder = new TempFolder("search-filtered");
        var index = new SqliteFtsSearchIndex(folder.File("search.db"));
        await index.EnsureCreatedAsync(CancellationToken.None);

        // Ten clips, two per project slot, each saying "harbour lights" a different number of times among
        // other lines, so every clip scores differently; one is also named after the words.
        var clips = Enumerable.Range(0, 10).Select(i => Clip(
                Projects[i % Projects.Length],
                i == 5 ? "harbour_lights_wide" : $"C{i:000}",
                [.. Enumerable.Repeat("The harbour lights were on.", 1 + (i % 4)), .. Enumerable.Repeat("Nothing to see here.", i)]))
            .ToList();
        await index.IndexAssetsAsync(clips, CancellationToken.None);

        var everything = await HarbourLights(index, new SearchFilter());
        var filtered = await HarbourLights(index, new SearchFilter { Project = project });

        everything.TotalClips.ShouldBe(10);
        filtered.TotalClips.ShouldBe(expected);
        var theirs = clips.Where(c => c.Project == project).Select(c => c.AssetId).ToHashSet();
        filtered.Clips.Select(c => (c.AssetId, c.Score)).ShouldBe(
            everything.Clips.Where(c => theirs.Contains(c.AssetId)).Select(c => (c.AssetId, c.Score)));
        filtered.Clips.Select(c => c.Hits.Count).ShouldBe(everything.Clips.Where(c => theirs.Contains(c.AssetId)).Select(c => c.Hits.Count));
        filtered.Facets[FacetNames.Project].ShouldBe([new FacetCount(project, expected)]);
        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task AFilterOfFewClips_AfterAnotherWriterAddsOneOfThem_FindsIt()
    {
        using var processes = await TwoProcesses.StartAsync("search-filtered-writer");
        var (reader, writer) = (processes.Reader, processes.Writer);
        await reader.IndexAssetsAsync(
            [.. Enumerable.Range(0, 9).Select(i => Clip(i == 0 ? "Harbour Film" : "Desert Film", $"C{i:000}", ["The harbour lights were on."]))],
            CancellationToken.None);
        var harbour = new SearchFilter { Project = "Harbour Film" };
        (await HarbourLights(reader, harbour)).TotalClips.ShouldBe(1);

        var added = Clip("Harbour Film", "C100", ["Harbour lights again."]);
        await writer.IndexAssetAsync(added, CancellationToken.None);

        var results = await HarbourLights(reader, harbour);
        results.TotalClips.ShouldBe(2);
        results.Clips.Select(c => c.AssetId).ShouldContain(added.AssetId);
    }

    [Test]
    public async Task Search_AfterAnotherWriterAddsChangesAndRemovesClips_SeesEveryChangeWithItsFiltersAndFacets()
    {
        using var processes = await TwoProcesses.StartAsync("search-two-writers");
        var (reader, writer) = (processes.Reader, processes.Writer);
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
    }

    [Test]
    public async Task Search_WhileAnotherWriterKeepsAddingClips_FindsEachClipOnceItsWriteIsCommitted()
    {
        using var processes = await TwoProcesses.StartAsync("search-writer-running");
        var (reader, writer) = (processes.Reader, processes.Writer);

        for (var written = 1; written <= 25; written++)
        {
            await writer.IndexAssetAsync(Clip($"Project {written % 3}", "A", $"lantern number{written}"), CancellationToken.None);
            var results = await Lantern(reader);
            results.TotalClips.ShouldBe(written);
            results.Facets[FacetNames.Project].Sum(f => f.Count).ShouldBe(written);
            (await reader.SearchAsync(new SearchRequest($"number{written}"), CancellationToken.None)).TotalClips.ShouldBe(1);
        }

    }

    /// <summary>Two engines on one file stand for two processes.</summary>
    private sealed class TwoProcesses : IDisposable
    {
        private readonly TempFolder _folder;

        private TwoProcesses(TempFolder folder)
        {
            _folder = folder;
            Reader = new SqliteFtsSearchIndex(folder.File("search.db"));
            Writer = new SqliteFtsSearchIndex(folder.File("search.db"));
        }

        public SqliteFtsSearchIndex Reader { get; }

        public SqliteFtsSearchIndex Writer { get; }

        public static async Task<TwoProcesses> StartAsync(string name)
        {
            var processes = new TwoProcesses(new TempFolder(name));
            await processes.Reader.EnsureCreatedAsync(CancellationToken.None);
            return processes;
        }

        public void Dispose()
        {
            // Pooled connections keep the file open; release them before the folder goes.
            SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }

    private static Task<SearchResults> HarbourLights(SqliteFtsSearchIndex index, SearchFilter filter) =>
        index.SearchAsync(new SearchRequest("\"harbour lights\"", limit: 50) { Filter = filter }, CancellationToken.None);

    private static Task<SearchResults> Lantern(SqliteFtsSearchIndex index, SearchFilter? filter = null) =>
        index.SearchAsync(new SearchRequest("lantern", limit: 50) { Filter = filter ?? new SearchFilter() }, CancellationToken.None);

    private static AssetDocument Clip(string project, string camera, string line) => Clip(project, "C001", [line]) with { Camera = camera };

    private static AssetDocument Clip(string project, string name, string[] lines) =>
        new(Guid.NewGuid(), project, "A001", name, "",
            [.. lines.Select((line, i) => new SegmentDocument(i * 4, (i * 4) + 3, line, SegmentSources.Transcript))]);
}
