using Mam.Media.Analysis;
using Mam.Media.Analysis.Qc;
using Mam.Tests.Support;

namespace Mam.Tests.Media.Analysis;

/// <summary>Clips and machines the analysis must cope with: no audio, corrupt frames, vision switched
/// off, vision not installed.</summary>
[TestFixture]
[Category("Media")]
[NonParallelizable]
public sealed class ClipAnalyserBadInputTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = new TempFolder("analysis-bad");

    [TearDown]
    public void RemoveFolder() => _folder.Dispose();

    private static Task<Mam.Media.Processes.ProcessResult> Ffmpeg(params string[] arguments) =>
        new Mam.Media.Processes.ProcessRunner(Microsoft.Extensions.Logging.Abstractions.NullLogger<Mam.Media.Processes.ProcessRunner>.Instance)
            .RunAsync(TestMedia.Ffmpeg, ["-nostdin", "-v", "error", "-y", .. arguments], CancellationToken.None);

    [Test]
    public async Task Analyse_OfAClipWithoutAudio_HasNoLoudnessAndNoSilenceFinding()
    {
        var clip = await TestMedia.MakeClipWithoutAudioAsync(_folder.Path, "B001C001_broll.mov", 3, CancellationToken.None);
        await using var services = new AnalysisServices(new Dictionary<string, string?> { ["Analysis:Vision:Enabled"] = "false" });

        var analysis = await services.Analyser.AnalyseAsync(clip, new ClipFacts(3, HasVideo: true, HasAudio: false, 25), CancellationToken.None);

        analysis.Qc.IntegratedLufs.ShouldBeNull();
        analysis.Qc.TruePeakDbtp.ShouldBeNull();
        analysis.Findings.ShouldNotContain(f => f.Label == "silence" || f.Label == "loudness");
        analysis.Qc.Summary!.ShouldContain("No audio");
        analysis.Findings.ShouldContain(f => f.Kind == FindingKind.Shot);
    }

    [Test]
    public async Task Analyse_OfABlackSilentClip_FailsQcWithBothThroughoutAndNoLoudness()
    {
        var clip = _folder.File("A001C003_black.mov");
        await Ffmpeg("-f", "lavfi", "-i", "color=black:s=640x360:r=25:d=4", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono",
            "-t", "4", "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s16le", clip);
        await using var services = new AnalysisServices(new Dictionary<string, string?> { ["Analysis:Vision:Enabled"] = "false" });

        var analysis = await services.Analyser.AnalyseAsync(clip, new ClipFacts(4, true, true, 25), CancellationToken.None);

        analysis.Qc.Level.ShouldBe(QcLevel.Fail);
        analysis.Qc.Summary!.ShouldContain("Black throughout");
        analysis.Qc.Summary!.ShouldContain("Silent throughout");
        analysis.Qc.IntegratedLufs.ShouldBeNull();
        analysis.Findings.ShouldNotContain(f => f.Label == "freeze", "a black picture is reported as black, not as a freeze");
    }

    [Test]
    public async Task Analyse_OfAClipWithEightMonoTracks_MeasuresTheFirstTrack()
    {
        var clip = _folder.File("A001C004_8tracks.mov");
        var inputs = Enumerable.Range(0, 8).SelectMany(i => new[] { "-f", "lavfi", "-i", $"sine=frequency={300 + (i * 100)}:sample_rate=48000:d=3" });
        var maps = Enumerable.Range(1, 8).SelectMany(i => new[] { "-map", $"{i}:a" });
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=3", .. inputs, "-map", "0:v", .. maps,
            "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s24le", clip]);
        await using var services = new AnalysisServices(new Dictionary<string, string?> { ["Analysis:Vision:Enabled"] = "false" });

        var analysis = await services.Analyser.AnalyseAsync(clip, new ClipFacts(3, true, true, 25), CancellationToken.None);

        analysis.Qc.IntegratedLufs.ShouldNotBeNull();
        analysis.Findings.Count(f => f.Label == "loudness").ShouldBe(1);
    }

    [Test]
    public async Task Analyse_OfAClipWithACorruptFrameRange_StillReportsTheRestAndFailsQcSayingWhere()
    {
        var good = await AnalysisMedia.MakeEditorialClipAsync(_folder.Path, "good.mov", CancellationToken.None);
        var corrupt = await AnalysisMedia.CorruptCopyAsync(good, _folder.File("A001C002_corrupt.mov"), at: 0.4, fraction: 0.15, CancellationToken.None);
        await using var services = new AnalysisServices(new Dictionary<string, string?> { ["Analysis:Vision:Enabled"] = "false" });

        var analysis = await services.Analyser.AnalyseAsync(corrupt, new ClipFacts(12, true, true, 25), CancellationToken.None);

        analysis.Qc.Level.ShouldBe(QcLevel.Fail);
        var lost = analysis.Findings.Where(f => f.Label == "undecodable").ShouldHaveSingleItem();
        lost.Start.ShouldBeInRange(3.0, 7.0);
        analysis.Qc.Summary!.ShouldContain("Picture cannot be decoded");
        analysis.Findings.ShouldContain(f => f.Kind == FindingKind.Slate && f.Label == "scene 12 take 3", "the undamaged head is still read");
        analysis.Qc.IntegratedLufs.ShouldNotBeNull();
    }

    [Test]
    public async Task Analyse_WithVisionSwitchedOff_StillReadsTextAndMeasuresQcWithoutNode()
    {
        var clip = await AnalysisMedia.MakeEditorialClipAsync(_folder.Path, "clip.mov", CancellationToken.None);
        await using var services = new AnalysisServices(new Dictionary<string, string?>
        {
            ["Analysis:Vision:Enabled"] = "false",
            ["Analysis:Vision:NodePath"] = "/nonexistent/node",
        });

        var analysis = await services.Analyser.AnalyseAsync(clip, new ClipFacts(12, true, true, 25), CancellationToken.None);

        analysis.Findings.ShouldContain(f => f.Kind == FindingKind.Slate);
        analysis.Findings.ShouldNotContain(f => f.Kind == FindingKind.Object || f.Kind == FindingKind.Face);
        analysis.Qc.IntegratedLufs.ShouldNotBeNull();
        services.Get<AnalysisReadiness>().Problems().ShouldBeEmpty();
    }

    [Test]
    public async Task Analyse_WhenTheVisionPackagesAreNotInstalled_FailsAtOnceSayingToRunNpmCi()
    {
        var empty = Directory.CreateDirectory(_folder.Combine("vision")).FullName;
        await File.WriteAllTextAsync(Path.Combine(empty, "server.js"), "// no node_modules here");
        await using var services = new AnalysisServices(new Dictionary<string, string?> { ["Analysis:Vision:Directory"] = empty });

        var ex = await Should.ThrowAsync<AnalysisUnavailableException>(() =>
            services.Analyser.AnalyseAsync(_folder.File("never-opened.mov"), new ClipFacts(10, true, true, 25), CancellationToken.None));

        ex.Message.ShouldContain($"Run \"npm ci\" in {empty}");
        ex.Message.ShouldContain("Analysis:Vision:Enabled=false");
    }

    [Test]
    public async Task Readiness_WhenNodeIsMissing_SaysHowToInstallIt()
    {
        await using var services = new AnalysisServices(new Dictionary<string, string?> { ["Analysis:Vision:NodePath"] = "/nonexistent/node" });

        var problem = services.Get<AnalysisReadiness>().Problems().ShouldHaveSingleItem();

        problem.ShouldContain("/nonexistent/node");
        problem.ShouldContain("apt-get install nodejs npm");
    }

    [Test]
    public async Task Readiness_WhenTesseractIsMissing_SaysHowToInstallIt()
    {
        await using var services = new AnalysisServices(new Dictionary<string, string?>
        {
            ["Analysis:TesseractPath"] = "/nonexistent/tesseract",
            ["Analysis:Vision:Enabled"] = "false",
        });

        services.Get<AnalysisReadiness>().Problems().ShouldHaveSingleItem().ShouldContain("apt-get install tesseract-ocr tesseract-ocr-eng");
    }
}
