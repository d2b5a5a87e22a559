using Mam.Search;
using Mam.Search.Sqlite;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search;

/// <summary>A filter that lets few clips through (a quarter or fewer, e.g. one project of many) is handed
/// to the full-text statement, which then passes on only those clips' matches; a broader filter is
/// applied afterwards in memory. Whichever way, an editor must get the same clips in the same order with
/// the same scores as the unfiltered search shows them.</summary>
[TestFixture]
public sealed class SqliteFilteredSearchTests
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
        using var folder = new TempFolder("search-filtered-writer");
        var path = folder.File("search.db");
        var reader = new SqliteFtsSearchIndex(path);
        var writer = new SqliteFtsSearchIndex(path);
        await reader.EnsureCreatedAsync(CancellationToken.None);
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
        SqliteConnection.ClearAllPools();
    }

    private static Task<SearchResults> HarbourLights(SqliteFtsSearchIndex index, SearchFilter filter) =>
        index.SearchAsync(new SearchRequest("\"harbour lights\"", limit: 50) { Filter = filter }, CancellationToken.None);

    private static AssetDocument Clip(string project, string name, string[] lines) =>
        new(Guid.NewGuid(), project, "A001", name, "",
            [.. lines.Select((line, i) => new SegmentDocument(i * 4, (i * 4) + 3, line, SegmentSources.Transcript))]);
}
