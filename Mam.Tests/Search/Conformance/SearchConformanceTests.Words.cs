using Mam.Search;

namespace Mam.Tests.Search.Conformance;

/// <summary>Hits land on the words: a phrase or word hit carries the time of its first and last
/// matching word (from the recogniser's word times), with the snippet around it; text without word
/// times (a slate, a tag) keeps its segment's times. Each test indexes its own clip in its own project.</summary>
public abstract partial class SearchConformanceTests
{
    [Test]
    public async Task PhraseHit_CarriesTheTimesOfItsFirstAndLastWord_NotTheSegmentsStart()
    {
        // As in the issue: the phrase's segment starts at 11.72 s, "young man" is said at 13.62 s.
        var (project, _) = await IndexSpokenAsync(Spoken(11.72, 0.38, "well then he said the young man to nobody at all"));

        var hit = (await SearchAsync("\"young man\"", new() { Project = project })).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem();

        hit.Start!.Value.ShouldBe(11.72 + 5 * 0.38, 0.006);
        hit.End!.Value.ShouldBe(11.72 + 6 * 0.38 + 0.3, 0.006);
        hit.Snippet.ShouldContain("<mark>young");
        hit.Snippet.ShouldContain("man</mark>");
    }

    [Test]
    public async Task PhraseRepeatedInOneSegment_GivesOneHitAtEachOccurrence()
    {
        var (project, _) = await IndexSpokenAsync(Spoken(20, 0.5, "the young man left and later the young man came back to the farm"));

        var hits = (await SearchAsync("\"young man\"", new() { Project = project })).Clips.ShouldHaveSingleItem().Hits;

        hits.Count.ShouldBe(2);
        hits[0].Start!.Value.ShouldBe(20 + 1 * 0.5, 0.006);
        hits[0].End!.Value.ShouldBe(20 + 2 * 0.5 + 0.3, 0.006);
        hits[1].Start!.Value.ShouldBe(20 + 7 * 0.5, 0.006);
        hits[1].End!.Value.ShouldBe(20 + 8 * 0.5 + 0.3, 0.006);
    }

    [Test]
    public async Task PhraseWhoseWordsStraddleTwoSegments_IsFoundFromItsFirstWordToItsLast()
    {
        // The recogniser cut the line after "young" (its word limit or a short breath).
        var (project, _) = await IndexSpokenAsync(
            Spoken(30, 0.4, "he turned to the young"),
            Spoken(32.2, 0.4, "man and smiled at him"));

        var hit = (await SearchAsync("\"young man\"", new() { Project = project })).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem();

        hit.Start!.Value.ShouldBe(30 + 4 * 0.4, 0.006);
        hit.End!.Value.ShouldBe(32.2 + 0.3, 0.006);
    }

    [Test]
    public async Task SeveralWords_GiveOneHitFromTheFirstMatchingWordToTheLast()
    {
        var (project, _) = await IndexSpokenAsync(Spoken(40, 0.5, "on the old pier a lantern swung in the cold wind"));

        var hit = (await SearchAsync("wind lantern", new() { Project = project })).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem();

        hit.Start!.Value.ShouldBe(40 + 5 * 0.5, 0.006);
        hit.End!.Value.ShouldBe(40 + 10 * 0.5 + 0.3, 0.006);
    }

    [Test]
    public async Task WordsWithoutTimes_OnASlateOrATag_KeepTheSegmentsTimes()
    {
        var (project, _) = await IndexSpokenAsync(
            new SegmentDocument(0, 1.5, "scene 7 take 2 lantern", SegmentSources.Slate),
            new SegmentDocument(3, 9, "lantern", SegmentSources.Object),
            Spoken(10, 0.5, "hold the lantern higher"));

        var hits = (await SearchAsync("lantern", new() { Project = project })).Clips.ShouldHaveSingleItem().Hits;

        hits.Select(h => (h.Source, h.Start, h.End)).ShouldBe(
        [
            (SegmentSources.Slate, 0.0, 1.5),
            (SegmentSources.Object, 3.0, 9.0),
            (SegmentSources.Transcript, 11.0, 11.3),
        ]);
    }

    [Test]
    public async Task Snippet_OfALongLine_IsCentredOnTheHit()
    {
        var words = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"word{i}"));
        var (project, _) = await IndexSpokenAsync(Spoken(0, 0.3, $"{words} the lighthouse keeper {words}"));

        var hit = (await SearchAsync("\"lighthouse keeper\"", new() { Project = project })).Clips.ShouldHaveSingleItem().Hits.ShouldHaveSingleItem();

        hit.Snippet.ShouldContain("lighthouse");
        hit.Snippet.ShouldStartWith("…");
        hit.Snippet.ShouldEndWith("…");
        hit.Start!.Value.ShouldBe(41 * 0.3, 0.006);
    }

    /// <summary>A transcript segment whose words are said one every <paramref name="every"/> seconds,
    /// each lasting 0.3 s, as a recogniser reports them.</summary>
    protected static SegmentDocument Spoken(double start, double every, string text)
    {
        var words = text.Split(' ').Select((w, i) => new WordTiming(w, start + i * every, start + i * every + 0.3)).ToList();
        return new SegmentDocument(start, words[^1].End, text, SegmentSources.Transcript) { Words = words, Confidence = 0.8 };
    }

    private async Task<(string Project, Guid Clip)> IndexSpokenAsync(params SegmentDocument[] segments)
    {
        var project = $"Words {Guid.NewGuid():N}";
        var clip = new AssetDocument(Guid.NewGuid(), project, "W001", "W001C001", "", segments);
        await Index.IndexAssetAsync(clip, CancellationToken.None);
        return (project, clip.AssetId);
    }
}
