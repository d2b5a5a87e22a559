using Mam.Catalog.Entities;
using Mam.Tests.Support;
using Mam.Workers.Pipeline;
using Mam.Workers.Stages.Analysis;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Stages.Indexing;

namespace Mam.Tests.Workers.Analysis;

[TestFixture]
[Category("Media")]
[NonParallelizable]
public sealed class AnalyseStageTests
{
    private static TechnicalMetadata Technical(double seconds, int audioStreams = 1) => new()
    {
        Container = "mov", DurationSeconds = seconds, FrameRateNumerator = 25, FrameRateDenominator = 1,
        StartTimecode = "01:00:00:00", VideoCodec = "prores", Width = 1280, Height = 720, AudioStreams = audioStreams,
    };

    [Test]
    public async Task Run_Twice_ReplacesTheTagsInsteadOfAddingToThemAndKeepsTheQcVerdict()
    {
        await using var host = new AnalysisStageHost(new Dictionary<string, string?> { ["Analysis:Vision:Enabled"] = "false" });
        await host.StartAsync();
        var clip = await TestMedia.MakeClipAsync(host.Folder.Path, "A001C001.mov", 3, CancellationToken.None);
        var asset = await host.AddProbedClipAsync(clip, Technical(3));

        var first = await host.Get<AnalyseStage>().RunAsync(asset, CancellationToken.None);
        var countAfterFirst = await TagCount(host, asset);
        var second = await host.Get<AnalyseStage>().RunAsync(asset, CancellationToken.None);

        first.Status.ShouldBe(StageStatus.Done);
        second.Status.ShouldBe(StageStatus.Done);
        second.Note!.ShouldContain("shots");
        countAfterFirst.ShouldBeGreaterThan(0);
        (await TagCount(host, asset)).ShouldBe(countAfterFirst);
        await using var db = await host.CatalogAsync();
        var stored = await db.Assets.AsNoTracking().SingleAsync(a => a.Id == asset);
        stored.Qc.ShouldNotBeNull();
        stored.Qc.IntegratedLufs.ShouldNotBeNull("the clip has a 1 kHz tone");
        (await db.ClipTags.CountAsync(t => t.AssetId == asset && t.Kind == TagKind.Qc && t.Label == "loudness")).ShouldBe(1);
    }

    [Test]
    public async Task Run_WhenTheVisionPackagesAreMissing_FailsBeforeOpeningTheClipWithWhatToRun()
    {
        var empty = TestScratch.Combine($"no-vision-{Guid.NewGuid():N}");
        Directory.CreateDirectory(empty);
        try
        {
            await using var host = new AnalysisStageHost(new Dictionary<string, string?> { ["Analysis:Vision:Directory"] = empty });
            await host.StartAsync();
            await host.Get<MassTransit.Testing.ITestHarness>().Start();
            // No clip is stored at all: the stage must stop at the readiness check, not on a missing file.
            var asset = await host.AddProbedClipAsync(null, Technical(10));

            await host.Get<StageRunner>().RunAsync(asset, StageRegistry.Analyse.Name, host.Get<AnalyseStage>(), CancellationToken.None);

            await using var db = await host.CatalogAsync();
            var stage = await db.PipelineStages.AsNoTracking().SingleAsync(s => s.AssetId == asset && s.Stage == StageRegistry.Analyse.Name);
            stage.Status.ShouldBe(StageStatus.Failed);
            stage.LastError!.ShouldContain("sidecar script");
            stage.LastError!.ShouldContain("Analysis:Vision:Enabled=false");
            (await host.Get<ITestHarness>().Published.Any<RunStage<IndexStage>>()).ShouldBeFalse("the index waits for the analysis");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Test]
    public async Task Run_ForAnAudioOnlyClip_MeasuresTheSoundAndLooksForNoPictures()
    {
        await using var host = new AnalysisStageHost();
        await host.StartAsync();
        var wav = host.Folder.File("A001C009.wav");
        await new Mam.Media.Processes.ProcessRunner(Microsoft.Extensions.Logging.Abstractions.NullLogger<Mam.Media.Processes.ProcessRunner>.Instance)
            .RunAsync(TestMedia.Ffmpeg, ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=1000:d=3", wav], CancellationToken.None);
        var technical = Technical(3);
        technical.VideoCodec = null;
        technical.Container = "wav";
        var asset = await host.AddProbedClipAsync(wav, technical);

        var outcome = await host.Get<AnalyseStage>().RunAsync(asset, CancellationToken.None);

        outcome.Status.ShouldBe(StageStatus.Done);
        await using var db = await host.CatalogAsync();
        var kinds = await db.ClipTags.Where(t => t.AssetId == asset).Select(t => t.Kind).Distinct().ToListAsync();
        kinds.ShouldBe([TagKind.Qc]);
        (await db.Assets.AsNoTracking().SingleAsync(a => a.Id == asset)).Qc!.IntegratedLufs.ShouldNotBeNull();
    }

    private static async Task<int> TagCount(AnalysisStageHost host, Guid asset)
    {
        await using var db = await host.CatalogAsync();
        return await db.ClipTags.CountAsync(t => t.AssetId == asset);
    }
}
