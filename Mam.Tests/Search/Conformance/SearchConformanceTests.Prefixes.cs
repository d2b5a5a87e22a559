using Mam.Search;
using static Mam.Tests.Search.Conformance.ConformanceCorpus;

namespace Mam.Tests.Search.Conformance;

/// <summary>Prefixes match the words as typed (not their stems), short prefixes are refused with a
/// message, and searches at the extremes (every clip, no clip) answer sensibly.</summary>
public abstract partial class SearchConformanceTests
{
    [Test]
    public async Task Prefix_MatchesTheWordsAsTyped_NotTheirStems()
    {
        // A stemmer turns "viney" into "vinei" and "bas" into "ba": as stems, viney* would miss
        // "vineyard" and bas* would find "bag".
        (await SearchAsync("viney*")).Clips.Select(c => c.AssetId).ShouldBe([D1]);
        (await SearchAsync("bas*")).Clips.Select(c => c.AssetId).ShouldBe([D1]);
        (await SearchAsync("bag*")).Clips.Select(c => c.AssetId).ShouldBe([H3]);
        (await SearchAsync("\"from the viney*\"")).Clips.Select(c => c.AssetId).ShouldBe([D1]);

        var hit = (await SearchAsync("vineyar*")).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem();
        (hit.Start, hit.Source).ShouldBe((9.0, SegmentSources.Transcript));
        hit.Snippet.ShouldContain("<mark>vineyard</mark>");
    }

    [TestCase("ba*")]
    [TestCase("b*")]
    [TestCase("harbour -ba*")]
    [TestCase("\"the boat c*\"")]
    public async Task Prefix_OfOneOrTwoLetters_IsRefusedWithAMessage(string query)
    {
        var refused = await Should.ThrowAsync<SearchQueryException>(() => SearchAsync(query));

        refused.Message.ShouldContain("at least 3 letters");
    }

    [Test]
    public async Task AQueryMatchingEveryClip_ListsTheBestAndCountsThemAll()
    {
        var results = await Index.SearchAsync(new SearchRequest("the", limit: 2), CancellationToken.None);

        results.TotalClips.ShouldBe(Clips.Count);
        results.Clips.Count.ShouldBe(2);
        results.Clips.Select(c => c.Score).ShouldBeInOrder(SortDirection.Descending);
        results.Clips.ShouldAllBe(c => c.Hits.Count > 0);
        results.Facets[FacetNames.Project].ShouldBe([new FacetCount(HarbourFilm, 3), new FacetCount(DesertFilm, 1)]);
        results.Facets[FacetNames.Qc].Sum(f => f.Count).ShouldBe(Clips.Count);
    }

    [Test]
    public async Task FiltersThatMatchNothing_AnswerNoClipsAndEmptyFacets()
    {
        SearchFilter[] nothing =
        [
            new() { Project = "No Such Film" },
            new() { Camera = "Z" },
            new() { Tags = ["person", "no such tag"] },
            new() { RecordedFrom = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), RecordedBefore = new DateTime(2001, 1, 2, 0, 0, 0, DateTimeKind.Utc) },
            new() { Project = DesertFilm, Camera = "B" },
            new() { Project = HarbourFilm, VisibleProjects = [DesertFilm] },
        ];
        foreach (var filter in nothing)
        {
            foreach (var query in new[] { "harbour", "" })
            {
                var results = await SearchAsync(query, filter);

                results.TotalClips.ShouldBe(0, $"'{query}' with {filter}");
                results.Clips.ShouldBeEmpty();
                results.Hits.ShouldBeEmpty();
                results.Facets.Values.ShouldAllBe(values => values.Count == 0);
            }
        }
    }
}
