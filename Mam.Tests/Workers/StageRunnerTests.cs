using Mam.Catalog.Entities;
using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

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
        var probe = new CountingStage(StageName.Probe, TimeSpan.FromMilliseconds(300));

        await Task.WhenAll(
            host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None),
            host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None));

        probe.Runs.ShouldBe(1);
        var stage = await host.StageAsync(asset, StageName.Probe);
        stage.Status.ShouldBe(StageStatus.Done);
        stage.Attempts.ShouldBe(1);
    }

    [Test]
    public async Task Run_WhenAStageSucceeds_PublishesTheStagesThatBecameReady()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();

        await host.Get<StageRunner>().RunAsync(asset, new CountingStage(StageName.Probe), CancellationToken.None);

        (await host.Bus.Published.Any<GenerateProxy>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        (await host.Bus.Published.Any<TranscribeClip>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        (await host.Bus.Published.Any<IndexAsset>(m => m.Context.Message.AssetId == asset)).ShouldBeFalse("index waits for the transcript");
    }

    [Test]
    public async Task Run_WhenAStageThrows_RecordsTheErrorOnTheAssetAndStartsNothingAfterIt()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();

        await host.Get<StageRunner>().RunAsync(asset, new CountingStage(StageName.Probe, failWith: new InvalidOperationException("ffprobe could not read 'x.mov'")), CancellationToken.None);

        var stage = await host.StageAsync(asset, StageName.Probe);
        stage.Status.ShouldBe(StageStatus.Failed);
        stage.LastError.ShouldBe("ffprobe could not read 'x.mov'");
        (await host.Bus.Published.Any<GenerateProxy>()).ShouldBeFalse();
    }

    [Test]
    public async Task Run_ForAStageWhosePrerequisiteIsNotDone_DoesNothing()
    {
        await using var host = new PipelineTestHost();
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        var index = new CountingStage(StageName.Index);

        await host.Get<StageRunner>().RunAsync(asset, index, CancellationToken.None);

        index.Runs.ShouldBe(0);
        (await host.StageAsync(asset, StageName.Index)).Status.ShouldBe(StageStatus.Pending);
    }

    [Test]
    public async Task Reconcile_WhenAWorkerDiedMidStage_RequeuesItAndTheNextRunCompletesIt()
    {
        await using var host = new PipelineTestHost(stageDeadline: TimeSpan.FromSeconds(5));
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await MarkRunningSince(host, asset, StageName.Probe, DateTime.UtcNow.AddMinutes(-10), attempts: 1);

        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        (await host.Bus.Published.Any<ProbeClip>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        var probe = new CountingStage(StageName.Probe);
        await host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None);
        probe.Runs.ShouldBe(1);
        var stage = await host.StageAsync(asset, StageName.Probe);
        stage.Status.ShouldBe(StageStatus.Done);
        stage.Attempts.ShouldBe(2);
    }

    [Test]
    public async Task Reconcile_WhenAStageKeepsKillingItsWorker_GivesUpWithAClearError()
    {
        await using var host = new PipelineTestHost(stageDeadline: TimeSpan.FromSeconds(5), maxAttempts: 3);
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await MarkRunningSince(host, asset, StageName.Probe, DateTime.UtcNow.AddMinutes(-10), attempts: 3);

        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        var stage = await host.StageAsync(asset, StageName.Probe);
        stage.Status.ShouldBe(StageStatus.Failed);
        stage.LastError!.ShouldContain("Gave up after 3 attempts");
        (await host.Bus.Published.Any<ProbeClip>()).ShouldBeFalse();
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

        (await host.Bus.Published.Any<ProbeClip>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        (await host.Bus.Published.Any<GenerateProxy>()).ShouldBeFalse("proxy still waits for the probe");
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
