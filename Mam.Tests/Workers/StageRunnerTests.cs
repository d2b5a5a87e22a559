using Mam.Catalog.Entities;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Stages.Indexing;
using Mam.Workers.Stages.Probe;
using Mam.Workers.Stages.Proxies;
using Mam.Workers.Stages.Transcripts;

namespace Mam.Tests.Workers;

[TestFixture]
public sealed class StageRunnerTests
{
    [Test]
    public async Task Run_WhenTheSameStageIsDeliveredTwiceAtOnce_DoesTheWorkOnce()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        var probe = new CountingStage(StageRegistry.Probe.Name, TimeSpan.FromMilliseconds(300));

        await Task.WhenAll(
            host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None),
            host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None));

        probe.Runs.ShouldBe(1);
        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Done);
        stage.Attempts.ShouldBe(1);
    }

    [Test]
    public async Task Run_WhenAStageSucceeds_PublishesTheStagesThatBecameReady()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();

        await host.Get<StageRunner>().RunAsync(asset, new CountingStage(StageRegistry.Probe.Name), CancellationToken.None);

        (await host.Bus.Published.Any<RunStage<ProxyStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        (await host.Bus.Published.Any<RunStage<TranscribeStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        (await host.Bus.Published.Any<RunStage<IndexStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeFalse("index waits for the transcript");
    }

    [Test]
    public async Task Run_WhenAStageThrows_RecordsTheErrorOnTheAssetAndStartsNothingAfterIt()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();

        await host.Get<StageRunner>().RunAsync(asset, new CountingStage(StageRegistry.Probe.Name, failWith: new InvalidOperationException("ffprobe could not read 'x.mov'")), CancellationToken.None);

        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Failed);
        stage.LastError.ShouldBe("ffprobe could not read 'x.mov'");
        (await host.Bus.Published.Any<RunStage<ProxyStage>>()).ShouldBeFalse();
    }

    [Test]
    public async Task Run_ForAStageWhosePrerequisiteIsNotDone_DoesNothing()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        var index = new CountingStage(StageRegistry.Index.Name);

        await host.Get<StageRunner>().RunAsync(asset, index, CancellationToken.None);

        index.Runs.ShouldBe(0);
        (await host.StageAsync(asset, StageRegistry.Index.Name)).Status.ShouldBe(StageStatus.Pending);
    }

    [Test]
    public async Task Reconcile_WhenAWorkerDiedMidStage_RequeuesItAndTheNextRunCompletesIt()
    {
        await using var host = new PipelineTestHost(stageDeadline: TimeSpan.FromSeconds(5));
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await MarkRunningSince(host, asset, StageRegistry.Probe.Name, DateTime.UtcNow.AddMinutes(-10), attempts: 1);

        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        (await host.Bus.Published.Any<RunStage<ProbeStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        var probe = new CountingStage(StageRegistry.Probe.Name);
        await host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None);
        probe.Runs.ShouldBe(1);
        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Done);
        stage.Attempts.ShouldBe(2);
    }

    [Test]
    public async Task Reconcile_WhenAStageKeepsKillingItsWorker_GivesUpWithAClearError()
    {
        await using var host = new PipelineTestHost(stageDeadline: TimeSpan.FromSeconds(5), maxAttempts: 3);
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await MarkRunningSince(host, asset, StageRegistry.Probe.Name, DateTime.UtcNow.AddMinutes(-10), attempts: 3);

        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Failed);
        stage.LastError!.ShouldContain("Gave up after 3 attempts");
        (await host.Bus.Published.Any<RunStage<ProbeStage>>()).ShouldBeFalse();
    }

    [Test]
    public async Task Reconcile_WhenAReadyStagesMessageWasLost_PublishesItAgain()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await using (var db = await host.CatalogAsync())
        {
            await db.PipelineStages.Where(s => s.AssetId == asset).ExecuteUpdateAsync(u => u.SetProperty(s => s.UpdatedAt, DateTime.UtcNow.AddMinutes(-5)));
        }

        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        (await host.Bus.Published.Any<RunStage<ProbeStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        (await host.Bus.Published.Any<RunStage<ProxyStage>>()).ShouldBeFalse("proxy still waits for the probe");
    }

    private static async Task MarkRunningSince(PipelineTestHost host, Guid asset, StageName stage, DateTime since, int attempts)
    {
        await using var db = await host.CatalogAsync();
        await db.PipelineStages.Where(s => s.AssetId == asset && s.Stage == stage).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, StageStatus.Running)
            .SetProperty(s => s.StartedAt, since)
            .SetProperty(s => s.Attempts, attempts));
    }
}
