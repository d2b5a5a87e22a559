using Mam.Search;

namespace Mam.Tests.Search;

[TestFixture]
public sealed class SqliteFtsSearchIndexTests
{
    private static readonly string[] Filler =
    [
        "We need more light on the left side of the set.",
        "Roll camera, roll sound, and action please.",
        "That was a good take, let us move on.",
        "Can somebody bring the ladder over here?",
        "Lunch is in ten minutes for the whole crew.",
        "Check the gate and reset for another one.",
    ];

    private TempSearchIndex _temp = null!;

    [SetUp]
    public async Task SetUp() => _temp = await TempSearchIndex.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _temp.DisposeAsync();

    [Test]
    public async Task Search_WithQuotedPhrase_FindsExactPhraseButNotTheWordsScattered()
    {
        var exact = TempSearchIndex.Clip("C001", lines: ["At last the boat came home to us."]);
        var scattered = TempSearchIndex.Clip("C002", lines: ["Home is where the boat is, she came back."]);
        await _temp.IndexAsync(exact);
        await _temp.IndexAsync(scattered);

        var hits = await _temp.SearchAsync("\"the boat came home\"");

        hits.Select(h => h.AssetId).ShouldBe([exact.AssetId]);
        (await _temp.SearchAsync("the boat came home")).Select(h => h.AssetId)
            .ShouldBe([exact.AssetId, scattered.AssetId], ignoreOrder: true);
    }

    [Test]
    public async Task Search_WithTrailingStar_FindsWordsStartingWithThePrefix()
    {
        var clip = TempSearchIndex.Clip("C001", lines: ["The harbour was empty that morning."]);
        await _temp.IndexAsync(clip);
        await _temp.IndexAsync(TempSearchIndex.Clip("C002", lines: ["A hard day on the hill."]));

        var hits = await _temp.SearchAsync("harb*");

        hits.Single().AssetId.ShouldBe(clip.AssetId);
        (await _temp.SearchAsync("harb")).ShouldBeEmpty();
    }

    [Test]
    public async Task Search_ForHarbour_FindsHarbourAndItsPlural()
    {
        var clip = TempSearchIndex.Clip("C001", lines: ["Meet me at the harbour.", "All the harbours were closed."]);
        await _temp.IndexAsync(clip);

        var hits = await _temp.SearchAsync("harbour");

        hits.Count.ShouldBe(2);
        hits.ShouldAllBe(h => h.Snippet.Contains("<mark>harbour", StringComparison.Ordinal));
    }

    [Test]
    public async Task Search_WhenAShortSegmentRepeatsTheWord_RanksItAboveALongSegmentMentioningItOnce()
    {
        var clip = TempSearchIndex.Clip("C001", lines:
        [
            .. Filler,
            "The old lighthouse keeper walked slowly along the winding coastal path every evening, " +
            "past the fishermen mending their nets and the children playing football on the sand, " +
            "until at last he reached the harbour wall where he liked to sit and watch the sea.",
            "Harbour! The harbour, the harbour.",
        ]);
        await _temp.IndexAsync(clip);

        var hits = await _temp.SearchAsync("harbour");

        hits.Count.ShouldBe(2);
        hits[0].Start.ShouldBe(7 * 5.0);
        hits[1].Start.ShouldBe(6 * 5.0);
        hits[0].Score.ShouldBeGreaterThan(hits[1].Score);
    }

    [Test]
    public async Task Search_ForAClipName_ReturnsAnAssetHitForThatClipWithoutTimecode()
    {
        var wanted = TempSearchIndex.Clip("A001_C007_0412.mov", lines: Filler[0]);
        var neighbour = TempSearchIndex.Clip("A001_C008_0412.mov", lines: Filler[1]);
        await _temp.IndexAsync(wanted);
        await _temp.IndexAsync(neighbour);
        await _temp.IndexAsync(TempSearchIndex.Clip("B002_C001_0413.mov", lines: Filler[2]));

        var hits = await _temp.SearchAsync("A001_C007");

        var hit = hits.ShouldHaveSingleItem();
        hit.AssetId.ShouldBe(wanted.AssetId);
        hit.Kind.ShouldBe(SearchHitKinds.Asset);
        hit.ClipName.ShouldBe("A001_C007_0412.mov");
        hit.Start.ShouldBeNull();
        hit.End.ShouldBeNull();
        hit.Snippet.ShouldContain("<mark>");
    }

    [Test]
    public async Task Search_WhenSeveralSegmentsMatch_ReturnsEachWithItsTimecode()
    {
        var clip = TempSearchIndex.Clip("C001", lines: ["Row to the island.", "Nothing here.", "The island is close now."]);
        await _temp.IndexAsync(clip);

        var hits = await _temp.SearchAsync("island");

        hits.Count.ShouldBe(2);
        hits.ShouldAllBe(h => h.Kind == SearchHitKinds.Segment && h.AssetId == clip.AssetId);
        hits.Select(h => (h.Start, h.End)).ShouldBe([(0.0, 4.5), (10.0, 14.5)], ignoreOrder: true);
    }

    [Test]
    public async Task Search_Snippet_MarksTheMatchedWordAndHtmlEncodesTheText()
    {
        await _temp.IndexAsync(TempSearchIndex.Clip("C001", lines: "He typed <script>alert('x')</script> at the harbour & left."));

        var snippet = (await _temp.SearchAsync("harbour")).Single().Snippet;

        snippet.ShouldContain("<mark>harbour</mark>");
        snippet.ShouldContain("&lt;script&gt;");
        snippet.ShouldContain("&amp;");
        snippet.ShouldNotContain("<script>");
    }

    [Test]
    public async Task Search_Snippet_OfALongSegment_IsShortenedWithAnEllipsis()
    {
        var words = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"word{i}"));
        await _temp.IndexAsync(TempSearchIndex.Clip("C001", lines: words + " harbour " + words));

        var snippet = (await _temp.SearchAsync("harbour")).Single().Snippet;

        snippet.ShouldContain("<mark>harbour</mark>");
        snippet.ShouldContain("…");
        snippet.Split(' ').Length.ShouldBeLessThan(20);
    }

    [Test]
    public async Task IndexAsset_Twice_GivesTheSameHits()
    {
        var clip = TempSearchIndex.Clip("C001", metadata: "harbour scene", lines: ["The harbour at dawn.", "Harbour lights."]);
        await _temp.IndexAsync(clip);
        var first = await _temp.SearchAsync("harbour");

        await _temp.IndexAsync(clip);
        var second = await _temp.SearchAsync("harbour");

        second.Count.ShouldBe(3);
        second.ShouldBe(first);
    }

    [Test]
    public async Task IndexAsset_AgainWithANewTranscript_ReplacesItsOldSegments()
    {
        var clip = TempSearchIndex.Clip("C001", lines: "The lighthouse is dark tonight.");
        await _temp.IndexAsync(clip);

        await _temp.IndexAsync(clip with { Segments = [new SegmentDocument(1, 2, "The harbour is calm.", "transcript")] });

        (await _temp.SearchAsync("lighthouse")).ShouldBeEmpty();
        (await _temp.SearchAsync("harbour")).ShouldHaveSingleItem().AssetId.ShouldBe(clip.AssetId);
    }

    [Test]
    public async Task RemoveAsset_RemovesItsHits_AndLeavesOtherAssets()
    {
        var removed = TempSearchIndex.Clip("harbour_wide", lines: "The harbour at dawn.");
        var kept = TempSearchIndex.Clip("C002", lines: "Another harbour shot.");
        await _temp.IndexAsync(removed);
        await _temp.IndexAsync(kept);

        await _temp.Index.RemoveAssetAsync(removed.AssetId, CancellationToken.None);

        (await _temp.SearchAsync("harbour")).Select(h => h.AssetId).ShouldBe([kept.AssetId]);
    }

    [Test]
    public async Task Search_WithProjectFilter_ReturnsOnlyThatProjectsHits()
    {
        var ours = TempSearchIndex.Clip("C001", project: "Harbour Film", lines: "The harbour at dawn.");
        var theirs = TempSearchIndex.Clip("C001", project: "Desert Film", lines: "No harbour out here.");
        await _temp.IndexAsync(ours);
        await _temp.IndexAsync(theirs);

        (await _temp.SearchAsync("harbour", project: "Desert Film")).Select(h => h.AssetId).ShouldBe([theirs.AssetId]);
        (await _temp.SearchAsync("harbour")).Select(h => h.AssetId).ShouldBe([ours.AssetId, theirs.AssetId], ignoreOrder: true);
    }

    [Test]
    public async Task Search_WithOrAndExclusion_CombinesTerms()
    {
        var boat = TempSearchIndex.Clip("C001", lines: "The boat is late.");
        var ship = TempSearchIndex.Clip("C002", lines: "The ship is late.");
        var storm = TempSearchIndex.Clip("C003", lines: "The ship is late because of the storm.");
        await _temp.IndexAsync(boat);
        await _temp.IndexAsync(ship);
        await _temp.IndexAsync(storm);

        (await _temp.SearchAsync("late boat OR ship -storm")).Select(h => h.AssetId)
            .ShouldBe([boat.AssetId, ship.AssetId], ignoreOrder: true);
        (await _temp.SearchAsync("ship NOT storm")).Select(h => h.AssetId).ShouldBe([ship.AssetId]);
    }

    [Test]
    public async Task Search_AppliesTheLimitToTheMergedHits()
    {
        await _temp.IndexAsync(TempSearchIndex.Clip("harbour_1", metadata: "harbour", lines: ["harbour one", "harbour two", "harbour three"]));

        (await _temp.SearchAsync("harbour", limit: 2)).Count.ShouldBe(2);
        (await _temp.SearchAsync("harbour", limit: 20)).Count.ShouldBe(4);
    }

    [Test]
    public async Task IndexAsset_OnAFileNotCreatedYet_CreatesItAndIsSearchable()
    {
        var index = new Mam.Search.Sqlite.SqliteFtsSearchIndex(Path.Combine(_temp.Folder, "later", "search.db"));
        var clip = TempSearchIndex.Clip("C001", lines: "The harbour at dawn.");

        await index.IndexAssetAsync(clip, CancellationToken.None);
        await index.EnsureCreatedAsync(CancellationToken.None);

        var hits = await index.SearchAsync(new SearchRequest("harbour"), CancellationToken.None);
        hits.Hits.ShouldHaveSingleItem().AssetId.ShouldBe(clip.AssetId);
    }

    [Test]
    public async Task IndexAsset_WithASegmentEndingBeforeItStarts_IsRefusedAndKeepsThePreviousVersion()
    {
        var clip = TempSearchIndex.Clip("C001", lines: "The harbour at dawn.");
        await _temp.IndexAsync(clip);

        await Should.ThrowAsync<ArgumentException>(() => _temp.IndexAsync(
            clip with { Segments = [new SegmentDocument(10, 5, "The lighthouse.", "transcript")] }));

        (await _temp.SearchAsync("harbour")).ShouldHaveSingleItem();
    }

    [TestCase("café", "cafe")]
    [TestCase("cafe", "café")]
    [TestCase("CAFÉ", "Café")]
    public async Task Search_IgnoresDiacriticsAndCase(string spoken, string typed)
    {
        var clip = TempSearchIndex.Clip("C001", lines: $"Meet me at the {spoken} by the harbour.");
        await _temp.IndexAsync(clip);

        (await _temp.SearchAsync(typed)).ShouldHaveSingleItem().AssetId.ShouldBe(clip.AssetId);
    }
}
