using Mam.Catalog.Entities;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Operations;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Stages.Transcripts;
using Mam.Workers.Stages.Waveforms;
using Microsoft.EntityFrameworkCore;

namespace Mam.Tests.Workers.Pipeline;

[TestFixture]
public sealed class PipelineOperationsTests
{
    private static OperationRequest Rerun(Guid asset, string reason, params string[] stages) =>
        new(OperationKind.Rerun, asset, null, null, stages, reason, "test");

    [Test]
    public async Task Rerun_OfADoneStage_PutsItAndTheStagesAfterItBack_AndRecordsWhoAndWhy()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await host.SetStagesAsync(asset, StageStatus.Done, [.. PipelinePlan.Stages]);

        var operation = await host.Get<PipelineOperations>().StartAsync(Rerun(asset, "New speech model on the server.", "transcribe"), CancellationToken.None);

        operation.Status.ShouldBe(OperationStatus.Done);
        operation.StagesRequeued.ShouldBe(3, "transcribe, and the two index steps after it");
        (await host.StageAsync(asset, StageRegistry.Transcribe.Name)).Status.ShouldBe(StageStatus.Pending);
        (await host.StageAsync(asset, StageRegistry.Transcribe.Name)).Note.ShouldBe("Re-run (asked): New speech model on the server.");
        (await host.StageAsync(asset, StageRegistry.IndexDialogue.Name)).Status.ShouldBe(StageStatus.Pending);
        (await host.StageAsync(asset, StageRegistry.Index.Name)).Status.ShouldBe(StageStatus.Pending);
        (await host.StageAsync(asset, StageRegistry.Proxy.Name)).Status.ShouldBe(StageStatus.Done, "the proxy does not depend on the transcript");
        (await host.Bus.Published.Any<RunStage<TranscribeStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();

        var recorded = (await host.Get<PipelineOperations>().ListAsync(asset, null, 10, CancellationToken.None)).ShouldHaveSingleItem();
        recorded.Reason.ShouldBe("New speech model on the server.");
        recorded.RequestedBy.ShouldBe("test");
        recorded.Stages.ShouldBe("Transcribe");
    }

    [Test]
    public async Task Rerun_WhileTheStageRuns_LetsThatRunFinish_ThenRunsItAgain()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await host.SetStagesAsync(asset, StageStatus.Done, StageRegistry.Probe.Name);
        var transcribe = new CountingStage(StageRegistry.Transcribe.Name, TimeSpan.FromSeconds(2));
        var running = host.Get<StageRunner>().RunAsync(asset, transcribe, CancellationToken.None);
        while ((await host.StageAsync(asset, StageRegistry.Transcribe.Name)).Status != StageStatus.Running)
        {
            await Task.Delay(20);
        }

        var operation = await host.Get<PipelineOperations>().StartAsync(Rerun(asset, "Wrong language was set.", "transcribe"), CancellationToken.None);
        operation.StagesDeferred.ShouldBe(1);
        (await host.StageAsync(asset, StageRegistry.Transcribe.Name)).Status.ShouldBe(StageStatus.Running, "the run going on is not disturbed");

        await running;
        transcribe.Runs.ShouldBe(1);
        var after = await host.StageAsync(asset, StageRegistry.Transcribe.Name);
        after.Status.ShouldBe(StageStatus.Pending, "it goes round again with the new settings");
        after.RerunRequested.ShouldBeFalse();
        (await host.Bus.Published.Any<RunStage<TranscribeStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();

        await host.Get<StageRunner>().RunAsync(asset, transcribe, CancellationToken.None);
        transcribe.Runs.ShouldBe(2);
        (await host.StageAsync(asset, StageRegistry.Transcribe.Name)).Status.ShouldBe(StageStatus.Done);
    }

    [Test]
    public async Task Rerun_RefusesWhatItCannotDo_InWordsAndChangesNothing()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await host.SetStagesAsync(asset, StageStatus.Done, [.. PipelinePlan.Stages]);
        var operations = host.Get<PipelineOperations>();

        (await Should.ThrowAsync<OperationRefusedException>(() => operations.StartAsync(Rerun(asset, "x", "probes"), CancellationToken.None)))
            .Message.ShouldBe("Unknown stage 'probes'. Stages: probe, transcribe, index-dialogue, proxy, waveform, analyse, index, fingerprint.");
        (await Should.ThrowAsync<OperationRefusedException>(() => operations.StartAsync(Rerun(asset, "  ", "proxy"), CancellationToken.None)))
            .Message.ShouldStartWith("Say why (\"reason\")");
        (await Should.ThrowAsync<OperationRefusedException>(() => operations.StartAsync(Rerun(Guid.NewGuid(), "x", "proxy"), CancellationToken.None)))
            .NotFound.ShouldBeTrue();
        (await Should.ThrowAsync<OperationRefusedException>(() => operations.StartAsync(new OperationRequest(OperationKind.Rerun, null, null, "A001", ["proxy"], "x", "test"), CancellationToken.None)))
            .Message.ShouldStartWith("Name either one asset");

        await using var db = await host.CatalogAsync();
        (await db.PipelineStages.CountAsync(s => s.AssetId == asset && s.Status != StageStatus.Done)).ShouldBe(0);
        (await db.PipelineOperations.CountAsync()).ShouldBe(0, "a refused request leaves no record of an operation that never ran");
    }

    [Test]
    public async Task ANewStage_ReachesClipsCataloguedBeforeItExisted()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await host.SetStagesAsync(asset, StageStatus.Done, [.. PipelinePlan.Stages]);
        await using (var db = await host.CatalogAsync())
        {
            // As a catalog written by the build before the waveform stage was declared.
            await db.PipelineStages.Where(s => s.AssetId == asset && s.Stage == StageRegistry.Waveform.Name).ExecuteDeleteAsync();
            (PipelinePlan.StateOf(await db.PipelineStages.Where(s => s.AssetId == asset).ToListAsync())).ShouldBe(AssetState.Ready);
        }

        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        (await host.StageAsync(asset, StageRegistry.Waveform.Name)).Status.ShouldBe(StageStatus.Pending);
        (await host.Bus.Published.Any<RunStage<WaveformStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
    }
}
