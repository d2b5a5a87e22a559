using Mam.Media.Analysis;
using Mam.Media.Analysis.Qc;
using Mam.Tests.Support;
using E = Mam.Tests.Media.Analysis.AnalysisMedia.Editorial;

namespace Mam.Tests.Media.Analysis;

/// <summary>The whole analysis of one generated clip with the real tools (ffmpeg, tesseract, the Node
/// vision sidecar): what an editor would look for, found at the right times.</summary>
[TestFixture]
[Category("Media")]
[NonParallelizable]
public sealed class ClipAnalyserTests
{
    private static readonly ClipFacts Facts = new(E.Length, HasVideo: true, HasAudio: true, FramesPerSecond: 25);

    private TempFolder _folder = null!;
    private AnalysisServices _services = null!;
    private ClipAnalysis _analysis = null!;

    [OneTimeSetUp]
    public async Task AnalyseTheEditorialClip()
    {
        _folder = new TempFolder("analysis");
        var clip = await AnalysisMedia.MakeEditorialClipAsync(_folder.Path, "A001C001_slate.mov", CancellationToken.None);
        _services = new AnalysisServices();
        _analysis = await _services.Analyser.AnalyseAsync(clip, Facts, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task CleanUp()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }

    private IEnumerable<ClipFinding> Tags(FindingKind kind) => _analysis.Findings.Where(f => f.Kind == kind);

    [Test]
    public void Analyse_SamplesFramesInTheDataDirectorysWorkFolderAndLeavesItEmpty()
    {
        Directory.Exists(_services.WorkDirectory).ShouldBeTrue("frames are sampled under {Mam:DataDirectory}/work, not /tmp");
        ScratchLeft.In(_services.WorkDirectory).ShouldBeEmpty("the analysis removes its scratch folder");
    }

    [Test]
    public void Slate_AtTheHead_IsReadAsSceneAndTakeWithTheRawText()
    {
        var slate = Tags(FindingKind.Slate).ShouldHaveSingleItem();

        slate.Label.ShouldBe("scene 12 take 3");
        slate.Start.ShouldBeLessThanOrEqualTo(1.0);
        slate.End.ShouldBeInRange(2.0, 3.0);
        slate.Detail!.ShouldContain("SCENE 12 TAKE 3");
        slate.Source.ShouldBe("tesseract");
    }

    [Test]
    public void LowerThird_IsOneTextTagForTheTimeItIsOnScreen()
    {
        var super = Tags(FindingKind.Text).Where(t => t.Label.Contains("HOPPER", StringComparison.Ordinal)).ShouldHaveSingleItem();

        super.Label.ShouldBe(E.LowerThird);
        super.Start.ShouldBeInRange(E.PersonStart - 0.2, E.PersonStart + 1.0);
        super.End.ShouldBeInRange(E.PersonEnd - 1.0, E.PersonEnd + 0.2);
        super.Confidence.ShouldBeGreaterThan(0.75);
    }

    [Test]
    public void Text_FromPictureTexture_IsNotReportedAsOnScreenText()
    {
        var texts = Tags(FindingKind.Text).Select(t => t.Label).ToList();

        texts.ShouldAllBe(t => t.Contains("SCENE", StringComparison.Ordinal) || t.Contains("HOPPER", StringComparison.Ordinal),
            $"only the slate and the lower third carry text; found: {string.Join(" | ", texts)}");
    }

    [Test]
    public void Person_IsTaggedWhileTheyAreInFrameAndNowhereElse()
    {
        var person = Tags(FindingKind.Object).Where(t => t.Label == "person").ShouldHaveSingleItem();

        person.Start.ShouldBeInRange(E.PersonStart - 0.2, E.PersonStart + 1.5);
        person.End.ShouldBeInRange(E.PersonEnd - 1.5, E.PersonEnd + 0.2);
        person.Source.ShouldBe("human");
        person.Confidence.ShouldBeGreaterThan(0.4);
    }

    [Test]
    public void Face_IsCountedWhileThePersonIsInFrame()
    {
        var face = Tags(FindingKind.Face).ShouldHaveSingleItem();

        face.Label.ShouldBe("1 face");
        face.Value.ShouldBe(1);
        face.Start.ShouldBeGreaterThanOrEqualTo(E.PersonStart - 0.2);
        face.End.ShouldBeLessThanOrEqualTo(E.PersonEnd + 0.2);
    }

    [Test]
    public void Shots_StartAtTheCuts()
    {
        var shots = Tags(FindingKind.Shot).ToList();

        shots[0].Start.ShouldBe(0);
        shots[^1].End.ShouldBe(E.Length, 0.05);
        foreach (var cut in new[] { E.PersonStart, E.PersonEnd, E.BlackTailStart })
        {
            shots.ShouldContain(s => Math.Abs(s.Start - cut) < 0.1, $"a shot starting at the cut at {cut} s");
        }
        shots.Zip(shots.Skip(1)).ShouldAllBe(p => Math.Abs(p.First.End - p.Second.Start) < 0.001, "shots follow each other without gaps");
    }

    [Test]
    public void Qc_FindsBlackAtHeadAndTailTheFreezeAndTheSilence()
    {
        var qc = Tags(FindingKind.Qc).ToList();

        qc.ShouldContain(t => t.Label == "black" && t.Start < 0.05 && Math.Abs(t.End - E.BlackHeadEnd) < 0.1, "black head");
        qc.ShouldContain(t => t.Label == "black" && Math.Abs(t.Start - E.BlackTailStart) < 0.1, "black tail");
        qc.ShouldContain(t => t.Label == "freeze" && Math.Abs(t.Start - E.FreezeStart) < 0.1 && Math.Abs(t.End - E.FreezeEnd) < 0.2);
        qc.ShouldContain(t => t.Label == "silence" && Math.Abs(t.Start - E.FreezeStart) < 0.1 && Math.Abs(t.End - E.FreezeEnd) < 0.1);
        qc.ShouldNotContain(t => t.Label == "freeze" && t.Start < E.PersonStart, "the slate is held still on purpose");
    }

    [Test]
    public void Qc_MeasuresLoudnessAndTruePeakAndGivesAWarningVerdictInWords()
    {
        _analysis.Qc.IntegratedLufs!.Value.ShouldBeInRange(-40, -25);
        _analysis.Qc.TruePeakDbtp!.Value.ShouldBeInRange(-35, -20);
        _analysis.Qc.Level.ShouldBe(QcLevel.Warning);
        _analysis.Qc.Summary!.ShouldContain("Black for 0.8 s at the head");
        _analysis.Qc.Summary!.ShouldContain("Frozen picture for 3.0 s from 6.8 s");
        _analysis.Qc.Summary!.ShouldContain("LUFS");
    }

    [Test]
    public void Frames_AreSampledPerShotAndNothingWasLeftOut()
    {
        _analysis.Cost.Frames.ShouldBeGreaterThanOrEqualTo(5);
        _analysis.Notes.ShouldBeEmpty();
    }
}
