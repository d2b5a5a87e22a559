using Mam.Media.Analysis;
using Mam.Media.Analysis.Qc;
using Mam.Media.Analysis.Sampling;
using Mam.Media.Analysis.Shots;
using Mam.Media.Analysis.Text;
using Mam.Media.Analysis.Vision;

namespace Mam.Tests.Media.Analysis;

[TestFixture]
public sealed class FindingRunsTests
{
    // Two shots: 0–6 s and 6–12 s, sampled every 2 s (0, 2, 4 in the first; 6, 8, 10 in the second).
    private static readonly IReadOnlyList<Shot> Shots = [new(1, 0, 6, null), new(2, 6, 12, 30)];
    private static readonly IReadOnlyList<FrameSample> Samples =
        [new(0, 0, 1), new(1, 2, 1), new(2, 4, 1), new(3, 6, 2), new(4, 8, 2), new(5, 10, 2)];

    [Test]
    public void Text_SeenInConsecutiveSamples_IsOneTagFromItsShotsCutToHalfwayToTheSampleWithoutIt()
    {
        var text = new TextFindings(Samples, Shots);
        text.Add(Samples[0], Page("HARBOUR MASTER", 92));
        text.Add(Samples[1], Page("HARBOUR MASTER", 96));
        text.Add(Samples[2], OcrPage.Empty);

        var tag = text.Findings().ShouldHaveSingleItem();

        tag.Kind.ShouldBe(FindingKind.Text);
        tag.Label.ShouldBe("HARBOUR MASTER");
        (tag.Start, tag.End).ShouldBe((0, 3));
        tag.Confidence.ShouldBe(0.96);
    }

    [Test]
    public void Text_ReadSlightlyDifferentlyInTheNextSample_ContinuesTheSameTagUnderItsBestReading()
    {
        var text = new TextFindings(Samples, Shots);
        text.Add(Samples[3], Page("GRACE HOPPER", 96));
        text.Add(Samples[4], Page("GRACE HOPPFR", 80));
        text.Add(Samples[5], Page("GRACE. HOPPER", 90));

        var tag = text.Findings().ShouldHaveSingleItem();

        tag.Label.ShouldBe("GRACE HOPPER");
        (tag.Start, tag.End).ShouldBe((6, 12));
    }

    [Test]
    public void Text_ThatComesBackAfterASampleWithoutIt_IsTwoTags()
    {
        var text = new TextFindings(Samples, Shots);
        text.Add(Samples[0], Page("EXIT", 95));
        text.Add(Samples[2], Page("EXIT", 95));

        text.Findings().Select(t => (t.Start, t.End)).ShouldBe([(0, 1), (3, 6)]);
    }

    [Test]
    public void Objects_AreGroupedIntoTheWordsEditorsSearchWith()
    {
        var seen = new VisionFindings(Samples, Shots);
        seen.Add(Samples[3], new VisionFrame([new SeenObject("car", 0.8), new SeenObject("bus", 0.6), new SeenObject("dog", 0.5)], []));
        seen.Add(Samples[4], new VisionFrame([new SeenObject("truck", 0.7)], []));

        var tags = seen.Findings("human");

        var vehicle = tags.Single(t => t.Label == "vehicle");
        (vehicle.Start, vehicle.End).ShouldBe((6, 9));
        vehicle.Detail.ShouldBe("bus, car");
        vehicle.Value.ShouldBe(2);
        vehicle.Confidence.ShouldBe(0.8);
        tags.Single(t => t.Label == "animal").Detail.ShouldBe("dog");
        tags.ShouldAllBe(t => t.Source == "human" && t.Kind == FindingKind.Object);
    }

    [Test]
    public void Faces_AreCountedAndAChangeOfCountStartsANewTag()
    {
        var seen = new VisionFindings(Samples, Shots);
        seen.Add(Samples[0], new VisionFrame([], [new SeenFace(0.9)]));
        seen.Add(Samples[1], new VisionFrame([], [new SeenFace(0.9), new SeenFace(0.7)]));
        seen.Add(Samples[2], new VisionFrame([], [new SeenFace(0.8), new SeenFace(0.6)]));

        var faces = seen.Findings("human");

        faces.Select(f => (f.Label, f.Value, f.Start, f.End)).ShouldBe([("1 face", 1, 0, 1), ("2 faces", 2, 1, 6)]);
        faces.ShouldAllBe(f => f.Kind == FindingKind.Face);
    }

    [TestCase("person", "person")]
    [TestCase("motorcycle", "vehicle")]
    [TestCase("Horse", "animal")]
    [TestCase("cell phone", "screen")]
    [TestCase("chair", "chair")]
    public void GroupOf_MapsDetectorClassesToSearchWords(string label, string group) =>
        ObjectGroups.GroupOf(label).ShouldBe(group);

    [Test]
    public void Similarity_IsOneForEqualTextAndFallsWithEachEdit()
    {
        TextFindings.Similarity("GRACE HOPPER", "GRACE HOPPER").ShouldBe(1);
        TextFindings.Similarity("GRACE HOPPER", "GRACE HOPPFR").ShouldBe(1 - (1 / 12.0), 1e-9);
        TextFindings.Similarity("EXIT", "ENTRANCE").ShouldBeLessThan(0.5);
        TextFindings.Key("Grace. Hopper!").ShouldBe("GRACE HOPPER");
    }

    private static OcrPage Page(string text, double confidence) =>
        new([new OcrLine(text.Split(' ').Select((w, i) => new OcrWord(w, confidence, i * 100, 600, 90, 30)).ToList())]);
}
