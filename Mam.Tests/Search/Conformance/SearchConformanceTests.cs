using Mam.Search;
using static Mam.Tests.Search.Conformance.ConformanceCorpus;

namespace Mam.Tests.Search.Conformance;

/// <summary>The behaviour every engine behind <see cref="ISearchIndex"/> must show, run against each:
/// FTS5 always, Elasticsearch when a cluster is given (see <see cref="ElasticsearchConformanceTests"/>).
/// Scores differ between engines, so only sets, timecodes and orders the spec fixes are compared.</summary>
public abstract partial class SearchConformanceTests
{
    protected ISearchIndex Index { get; private set; } = null!;

    /// <summary>A fresh, empty index of the engine under test; the engine's fixture deletes it in
    /// its own [OneTimeTearDown].</summary>
    protected abstract Task<ISearchIndex> CreateIndexAsync();

    [OneTimeSetUp]
    public async Task IndexTheCorpus()
    {
        Index = await CreateIndexAsync();
        await Index.EnsureCreatedAsync(CancellationToken.None);
        await Index.IndexAssetsAsync(Clips, CancellationToken.None);
    }

    [Test]
    public async Task QuotedPhrase_FindsTheWordsInThatOrderOnly_UnquotedFindsThemAnywhereInOneSegment()
    {
        var phrase = await SearchAsync("\"the boat came home\"");
        phrase.Clips.Select(c => c.AssetId).ShouldBe([H1]);
        phrase.Clips[0].Hits.Select(h => (h.Start, h.End)).ShouldBe([(1.0, 3.5)]);

        (await SearchAsync("the boat came home")).Clips.Select(c => c.AssetId).ShouldBe([H1, H2], ignoreOrder: true);
        (await SearchAsync("boat storm")).TotalClips.ShouldBe(0, "all words must be in the same segment");
    }

    [Test]
    public async Task Prefix_FindsWordsStartingWithIt_AndStemmingFindsPlurals()
    {
        (await SearchAsync("harb*")).Clips.Select(c => c.AssetId).ShouldBe([H1, H2, H3, D1], ignoreOrder: true);
        (await SearchAsync("harb")).TotalClips.ShouldBe(0);
        (await SearchAsync("harbours")).Clips.Select(c => c.AssetId).ShouldBe([H1, H3, D1], ignoreOrder: true);
    }

    [Test]
    public async Task OrAndExclusions_CombinePerSegment()
    {
        (await SearchAsync("late ship OR boat -storm")).Clips.Select(c => c.AssetId).ShouldBe([H3]);
        (await SearchAsync("ship NOT storm")).Clips.Select(c => c.AssetId).ShouldBe([H3]);
        (await SearchAsync("storm -ship")).Clips.Select(c => c.AssetId).ShouldBe([H1]);
        (await SearchAsync("sand OR wall")).Clips.Select(c => c.AssetId).ShouldBe([H1, D1], ignoreOrder: true);
    }

    [Test]
    public async Task Hits_AreGroupedPerClipWithEveryMatchingTimecodeInTimeOrderAndTheirSource()
    {
        var results = await SearchAsync("harbour", new SearchFilter { Project = HarbourFilm });

        var clip = results.Clips.Single(c => c.AssetId == H1);
        clip.Hits.Select(h => (h.Start, h.Source)).ShouldBe(
            [(0.0, SegmentSources.Slate), (1.0, SegmentSources.Transcript), (10.0, SegmentSources.Transcript)]);
        clip.Hits[1].Confidence.ShouldBe(0.9);
        (clip.ClipName, clip.Project, clip.Card, clip.Camera).ShouldBe(("A001C001", HarbourFilm, "A001", "A"));
        results.Hits.Count(h => h.AssetId == H1).ShouldBe(3);
        results.Hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
    }

    [Test]
    public async Task WhatWasSeenOrRead_IsFoundAtItsTimecode()
    {
        var person = (await SearchAsync("person")).Clips.ShouldHaveSingleItem();
        person.AssetId.ShouldBe(H1);
        person.Hits.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            h => h.Source.ShouldBe(SegmentSources.Object), h => h.Start.ShouldBe(2.0), h => h.End.ShouldBe(6.0));

        (await SearchAsync("take")).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem().Source.ShouldBe(SegmentSources.Slate);
        (await SearchAsync("face")).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem().Source.ShouldBe(SegmentSources.Face);
        (await SearchAsync("harbourmaster")).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem()
            .ShouldSatisfyAllConditions(h => h.Source.ShouldBe(SegmentSources.Text), h => h.Start.ShouldBe(8.0));
    }

    [Test]
    public async Task ClipName_GivesAnAssetHitWithoutTimecode()
    {
        var clip = (await SearchAsync("A001C002")).Clips.ShouldHaveSingleItem();

        clip.AssetId.ShouldBe(H2);
        var hit = clip.Hits.ShouldHaveSingleItem();
        (hit.Kind, hit.Source, hit.Start, hit.End).ShouldBe((SearchHitKinds.Asset, SegmentSources.Clip, null, null));
        hit.Snippet.ShouldContain("<mark>");
    }

    [Test]
    public async Task EachFilter_KeepsOnlyTheClipsThatPassIt()
    {
        async Task<Guid[]> Harbour(SearchFilter filter) => (await SearchAsync("harbour", filter)).Clips.Select(c => c.AssetId).Order().ToArray();

        (await Harbour(new() { Project = DesertFilm })).ShouldBe([D1]);
        (await Harbour(new() { Card = "B002" })).ShouldBe([H3]);
        (await Harbour(new() { Camera = "A" })).ShouldBe([H1, D1]);
        (await Harbour(new() { Codec = "prores" })).ShouldBe([H1, H3, D1]);
        (await Harbour(new() { Resolution = "1920x1080" })).ShouldBe([H1, H3]);
        (await Harbour(new() { RecordedFrom = Day(21) })).ShouldBe([D1]);
        (await Harbour(new() { RecordedFrom = Day(20), RecordedBefore = Day(21) })).ShouldBe([H1]);
        (await Harbour(new() { Tags = ["person"] })).ShouldBe([H1, D1]);
        (await Harbour(new() { Tags = ["person", "scene 12 take 3"] })).ShouldBe([H1]);
        (await Harbour(new() { HasFaces = true })).ShouldBe([H1, D1]);
        (await Harbour(new() { HasFaces = false })).ShouldBe([H3]);
        (await Harbour(new() { QcStatus = "FAIL" })).ShouldBe([H3]);
        (await Harbour(new() { Project = HarbourFilm, Camera = "B", QcStatus = QcStatuses.Pass })).ShouldBeEmpty();
    }

    [Test]
    public async Task Facets_CountMatchingClipsPerValue()
    {
        var results = await SearchAsync("harbour");

        results.TotalClips.ShouldBe(3);
        var facets = results.Facets;
        facets[FacetNames.Project].ShouldBe([new FacetCount(HarbourFilm, 2), new FacetCount(DesertFilm, 1)]);
        facets[FacetNames.Card].ShouldBe([new FacetCount("A001", 2), new FacetCount("B002", 1)]);
        facets[FacetNames.Camera].ShouldBe([new FacetCount("A", 2), new FacetCount("B", 1)]);
        facets[FacetNames.Codec].ShouldBe([new FacetCount("prores", 3)]);
        facets[FacetNames.Resolution].ShouldBe([new FacetCount("1920x1080", 2), new FacetCount("3840x2160", 1)]);
        facets[FacetNames.Tag].ShouldBe([new FacetCount("person", 2), new FacetCount("scene 12 take 3", 1)]);
        facets[FacetNames.Qc].ShouldBe([new FacetCount("pass", 2), new FacetCount("fail", 1)]);
        facets[FacetNames.HasFaces].ShouldBe([new FacetCount("true", 2), new FacetCount("false", 1)]);
    }

    [Test]
    public async Task EmptyQueryWithAFilter_BrowsesNewestRecordingFirst_WithoutAFilterIsRefused()
    {
        var results = await SearchAsync("", new SearchFilter { Project = HarbourFilm });

        results.Clips.Select(c => c.AssetId).ShouldBe([H2, H1, H3]);
        results.Clips.ShouldAllBe(c => c.Hits.Count == 0);
        results.Hits.Select(h => h.AssetId).ShouldBe([H2, H1, H3]);
        results.Facets[FacetNames.Camera].ShouldBe([new FacetCount("A", 2), new FacetCount("B", 1)]);
        (await SearchAsync("*", new SearchFilter { Tags = ["car"] })).Clips.Select(c => c.AssetId).ShouldBe([H2]);

        var refused = await Should.ThrowAsync<SearchQueryException>(() => SearchAsync(""));
        refused.Message.ShouldBe(UserQuery.NoTermsMessage);
    }

    [Test]
    public async Task Snippet_MarksTheMatchAndEncodesTheRest()
    {
        var snippet = (await SearchAsync("typed")).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem().Snippet;

        snippet.ShouldContain("<mark>typed</mark>");
        snippet.ShouldContain("&lt;script&gt;");
        snippet.ShouldContain("&amp;");
        snippet.ShouldNotContain("<script>");
    }

    [Test]
    public async Task HostileQueries_AnswerOrExplain_AndTheIndexKeepsWorking()
    {
        string[] hostile =
        [
            "\"unbalanced", "harbour \"unbalanced", "harbour AND (", "NEAR(harbour calm, 2)", "col:word", "text:harbour",
            "{text clip_name}: harbour", "'; DROP TABLE segments; --", "harbour'); DELETE FROM assets; --", "^harbour + calm",
            "harbour~2", "harbour^10", "segments.text:harbour", "[a TO z]", "/regex.*/", "harbour && boat || !storm",
            "\\\"escaped\\\"", "harbour OR", "OR harbour", "NOT", "harbour -", "\"\"\"\"\"", "h\"a\"r\"b", "harbour\u0000calm",
            "\u0002harbour\u0003", "🚢 harbour", "港 harbour", "café", "***harbour***", "*:*", "_id:1", "{\"query\":{\"match_all\":{}}}",
        ];
        foreach (var query in hostile)
        {
            try
            {
                await SearchAsync(query);
            }
            catch (SearchQueryException)
            {
                // Saying what is wrong with the query is an accepted answer.
            }
        }

        var tooLong = await Should.ThrowAsync<SearchQueryException>(() => SearchAsync(string.Concat(Enumerable.Repeat("harbour ", 1280))));
        tooLong.Message.ShouldContain("too long");
        (await SearchAsync("harbour")).TotalClips.ShouldBe(3);
    }

    [Test]
    public async Task IndexingAClipAgain_ReplacesIt_AndRemovingItRemovesItsHits()
    {
        var project = $"Scratch {Guid.NewGuid():N}";
        var clip = new AssetDocument(Guid.NewGuid(), project, "C001", "SCRATCH01", "",
            [new SegmentDocument(1, 2, "The lighthouse is dark tonight.", SegmentSources.Transcript)]);
        await Index.IndexAssetAsync(clip, CancellationToken.None);
        (await SearchAsync("lighthouse", new() { Project = project })).TotalClips.ShouldBe(1);

        await Index.IndexAssetAsync(clip with { Segments = [new SegmentDocument(3, 4, "The beacon is lit.", SegmentSources.Transcript)] }, CancellationToken.None);
        (await SearchAsync("lighthouse", new() { Project = project })).TotalClips.ShouldBe(0);
        (await SearchAsync("beacon", new() { Project = project })).Clips.ShouldHaveSingleItem().Hits.Single().Start.ShouldBe(3.0);

        await Index.RemoveAssetAsync(clip.AssetId, CancellationToken.None);
        (await SearchAsync("beacon", new() { Project = project })).TotalClips.ShouldBe(0);
    }

    [Test]
    public async Task Limit_CapsTheClipsButNotTheirCount()
    {
        var results = await Index.SearchAsync(new SearchRequest("harbour", limit: 2), CancellationToken.None);

        results.Clips.Count.ShouldBe(2);
        results.Hits.Count.ShouldBe(2);
        results.TotalClips.ShouldBe(3);
    }

    protected Task<SearchResults> SearchAsync(string query, SearchFilter? filter = null) =>
        Index.SearchAsync(new SearchRequest(query) { Filter = filter ?? new SearchFilter() }, CancellationToken.None);

    private static DateTime Day(int day) => new(2026, 11, day, 0, 0, 0, DateTimeKind.Utc);
}
