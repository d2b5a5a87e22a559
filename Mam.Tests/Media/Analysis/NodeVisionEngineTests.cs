using Mam.Media.Analysis;
using Mam.Media.Analysis.Vision;
using Mam.Media.Processes;
using Mam.Tests.Support;

namespace Mam.Tests.Media.Analysis;

/// <summary>The real Node sidecar with @vladmandic/human from Mam.Workers/Vision (after npm ci).</summary>
[TestFixture]
[Category("Media")]
[NonParallelizable]
public sealed class NodeVisionEngineTests
{
    private TempFolder _folder = null!;
    private string _person = null!;

    [OneTimeSetUp]
    public async Task MakeFrames()
    {
        _folder = new TempFolder("vision");
        _person = await AnalysisMedia.MakePersonFrameAsync(_folder.Path, CancellationToken.None);
    }

    [OneTimeTearDown]
    public void RemoveFrames() => _folder.Dispose();

    [Test]
    public async Task Analyse_OfAPortrait_FindsAPersonAndOneFace()
    {
        await using var services = new AnalysisServices();
        var vision = services.Get<IVisionEngine>();

        var frame = await vision.AnalyseAsync(_person, CancellationToken.None);

        frame.Objects.ShouldContain(o => o.Label == "person" && o.Score > 0.5);
        frame.Faces.Count.ShouldBe(1);
        vision.Name.ShouldBe("human");
    }

    [Test]
    public async Task Analyse_ManyFrames_AreServedByOneProcessThatLoadedItsModelsOnce()
    {
        await using var services = new AnalysisServices();
        var vision = (NodeVisionEngine)services.Get<IVisionEngine>();

        await vision.AnalyseAsync(_person, CancellationToken.None);
        var pid = vision.ProcessId;
        for (var i = 0; i < 3; i++)
        {
            (await vision.AnalyseAsync(_person, CancellationToken.None)).Faces.Count.ShouldBe(1);
        }

        vision.ProcessId.ShouldBe(pid);
        vision.StartedWith!.ShouldContain("\"ready\":true");
        vision.StartedWith!.ShouldContain("wasm");
    }

    [Test]
    public async Task Analyse_OfAFileThatIsNotAFrame_FailsForThatFrameOnlyAndTheNextFrameWorks()
    {
        await using var services = new AnalysisServices();
        var vision = services.Get<IVisionEngine>();
        var bogus = _folder.File("not-a-frame.ppm");
        await File.WriteAllTextAsync(bogus, "hello");

        var ex = await Should.ThrowAsync<ExternalProcessException>(() => vision.AnalyseAsync(bogus, CancellationToken.None));

        ex.Message.ShouldContain("not a binary PPM");
        (await vision.AnalyseAsync(_person, CancellationToken.None)).Faces.Count.ShouldBe(1);
    }

    [Test]
    public async Task Analyse_AfterTheSidecarDied_StartsItAgain()
    {
        await using var services = new AnalysisServices();
        var vision = (NodeVisionEngine)services.Get<IVisionEngine>();
        await vision.AnalyseAsync(_person, CancellationToken.None);
        var first = vision.ProcessId!.Value;

        using (var sidecar = System.Diagnostics.Process.GetProcessById(first))
        {
            sidecar.Kill();
            await sidecar.WaitForExitAsync();
        }
        var frame = await vision.AnalyseAsync(_person, CancellationToken.None);

        frame.Faces.Count.ShouldBe(1);
        vision.ProcessId.ShouldNotBe(first);
    }

    [Test]
    public async Task Analyse_WhenNodeIsMissing_RaisesAnActionableMessage()
    {
        await using var services = new AnalysisServices(new Dictionary<string, string?> { ["Analysis:Vision:NodePath"] = "/nonexistent/node" });

        var ex = await Should.ThrowAsync<AnalysisUnavailableException>(() => services.Get<IVisionEngine>().AnalyseAsync(_person, CancellationToken.None));

        ex.Message.ShouldContain("apt-get install nodejs npm");
    }
}
