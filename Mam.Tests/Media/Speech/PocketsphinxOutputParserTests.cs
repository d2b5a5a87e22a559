using Mam.Media.Speech;
using Mam.Media.Speech.Pocketsphinx;
using Mam.Tests.Support;

namespace Mam.Tests.Media.Speech;

/// <summary>Runs on real pocketsphinx_continuous -time yes output saved from festival speech.</summary>
[TestFixture]
public class PocketsphinxOutputParserTests
{
    private static IReadOnlyList<TranscriptSegmentData> ParseSaved(string name) =>
        PocketsphinxOutputParser.Parse(File.ReadAllText(TestMedia.TestDataFile("pocketsphinx", name)));

    [Test]
    public void Parse_OneUtterance_DropsMarkersAndPronunciationVariants()
    {
        var segment = ParseSaved("harbour-lights.txt").ShouldHaveSingleItem();

        segment.Text.ShouldBe("the harbour lights were burning when that came home");
        segment.Start.ShouldBe(3.15);
        segment.End.ShouldBe(5.93);
        segment.Words.Select(w => w.Word).ShouldNotContain(w => w.Contains('(') || w.StartsWith('<'));
        segment.Words[2].ShouldBe(new TranscriptWord("lights", 3.64, 3.93, 0.996107));
        segment.Confidence!.Value.ShouldBe(segment.Words.Average(w => w.Confidence), 1e-9, "the phrase is scored by the mean of its words");
    }

    [Test]
    public void Parse_TwoUtterancesAndALongOne_GivesShortSegmentsNearTheSpokenPhrase()
    {
        var segments = ParseSaved("two-utterances.txt");

        segments.Select(s => s.Text).ShouldBe(
        [
            "we walk along the river and the children were playing",
            "in the park until the evening",
            "please bring the green bag to the kitchen before dinner",
        ]);
        segments[2].Start.ShouldBe(9.18);
        segments.ShouldAllBe(s => s.Words.Count <= PocketsphinxOutputParser.MaxWordsPerSegment);
    }

    [Test]
    public void Parse_PauseOfAtLeastPointThreeSeconds_SplitsTheUtterance()
    {
        const string output = """
            one two three four
            <s> 0.000 0.100 1.0
            one 0.110 0.300 0.9
            two 0.310 0.500 0.9
            <sil> 0.510 0.900 0.8
            three 0.910 1.100 0.9
            [NOISE] 1.110 1.200 0.5
            four(3) 1.210 1.400 0.7
            </s> 1.410 1.500 1.0
            """;

        var segments = PocketsphinxOutputParser.Parse(output);

        segments.Select(s => s.Text).ShouldBe(["one two", "three four"]);
        segments[1].Start.ShouldBe(0.91);
    }

    [Test]
    public void Parse_ThirteenWordsWithoutPauses_SplitsAfterTwelve()
    {
        var lines = Enumerable.Range(0, 13).Select(i =>
            FormattableString.Invariant($"w{i} {i * 0.2:0.000} {(i * 0.2) + 0.19:0.000} 0.9"));

        var segments = PocketsphinxOutputParser.Parse(string.Join('\n', lines));

        segments.Select(s => s.Words.Count).ShouldBe([12, 1]);
    }

    [Test]
    public void Parse_NothingRecognised_ReturnsNoSegments()
    {
        PocketsphinxOutputParser.Parse("\n<s> 0.1 0.2 1.0\n<sil> 0.2 3.0 1.0\n</s> 3.0 3.1 1.0\n").ShouldBeEmpty();
    }
}
