using Mam.Catalog.Entities;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Stages.Probe;
using Mam.Workers.Stages.Proxies;

namespace Mam.Tests.Workers;

/// <summary>A claimed stage holds a lease its runner renews: a live worker keeps its stage however long
/// it runs, a dead one loses it within the lease, and a worker that lost it stops and writes nothing.</summary>
[TestFixture]
public sealed class StageLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Run_WhileAStageRunsLongerThanItsLease_RenewsItAndNoOtherWorkerTakesItOver()
    {
        await using var host = new PipelineTestHost(leaseDuration: Lease);
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        var probe = new CountingStage(StageRegistry.Probe.Name, Lease * 2);

        var first = host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None);
        await Task.Delay(Lease + TimeSpan.FromSeconds(2));
        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);
        await host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None);
        await first;

        probe.Runs.ShouldBe(1, "a stage whose worker renews its lease is not taken over");
        probe.Cancelled.ShouldBe(0);
        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Done);
        stage.Attempts.ShouldBe(1);
        stage.LeaseHolder.ShouldBeNull("the lease is released with the outcome");
        (await host.Bus.Published.Any<RunStage<ProbeStage>>()).ShouldBeFalse("nothing was requeued");
    }

    [Test]
    public async Task Run_WhenAnotherWorkerTookTheStageOver_StopsItsWorkAndRecordsNothingOverTheNewHolder()
    {
        await using var host = new PipelineTestHost(leaseDuration: Lease);
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        var probe = new CountingStage(StageRegistry.Probe.Name, TimeSpan.FromMinutes(5));

        var running = host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None);
        await WaitUntil(async () => (await host.StageAsync(asset, StageRegistry.Probe.Name)).Status == StageStatus.Running);
        var newHolderSince = DateTime.UtcNow;
        await using (var db = await host.CatalogAsync())
        {
            // What a second worker's claim leaves after this one's renewals stopped reaching the catalog.
            await db.PipelineStages.Where(s => s.AssetId == asset && s.Stage == StageRegistry.Probe.Name).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LeaseHolder, "other-host:4242:new")
                .SetProperty(s => s.LeaseExpiresAt, newHolderSince.AddMinutes(10))
                .SetProperty(s => s.StartedAt, newHolderSince)
                .SetProperty(s => s.Attempts, 2));
        }

        await running.WaitAsync(TimeSpan.FromMinutes(1));

        probe.Cancelled.ShouldBe(1, "the worker that lost its lease stops the stage's work");
        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Running, "the new holder's run is left alone");
        stage.LeaseHolder.ShouldBe("other-host:4242:new");
        stage.Attempts.ShouldBe(2);
        stage.LastError.ShouldBeNull();
        stage.FinishedAt.ShouldBeNull();
        (await host.Bus.Published.Any<RunStage<ProxyStage>>()).ShouldBeFalse("the stopped run dispatches nothing after it");
    }

    [Test]
    public async Task Run_WhenAStageHangsPastItsDeadline_StopsRenewingCancelsItAndPutsItBackForAnotherAttempt()
    {
        await using var host = new PipelineTestHost(stageDeadline: TimeSpan.FromSeconds(6), leaseDuration: Lease);
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        var hung = new CountingStage(StageRegistry.Probe.Name, TimeSpan.FromMinutes(5));

        await host.Get<StageRunner>().RunAsync(asset, hung, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        hung.Cancelled.ShouldBe(1);
        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Pending);
        stage.LastError!.ShouldContain("ran longer than Pipeline:StageDeadline (00:00:06) and was stopped");
        stage.LeaseHolder.ShouldBeNull();
    }

    [Test]
    public async Task Reconcile_WhenAStagesLeaseRanOut_RequeuesItLongBeforeTheDeadline()
    {
        await using var host = new PipelineTestHost(stageDeadline: TimeSpan.FromHours(2), leaseDuration: Lease);
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        var now = DateTime.UtcNow;
        await using (var db = await host.CatalogAsync())
        {
            await db.PipelineStages.Where(s => s.AssetId == asset && s.Stage == StageRegistry.Probe.Name).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, StageStatus.Running)
                .SetProperty(s => s.StartedAt, now.AddSeconds(-20))
                .SetProperty(s => s.LeaseHolder, "dead-host:1:gone")
                .SetProperty(s => s.LeaseExpiresAt, now.AddSeconds(-1))
                .SetProperty(s => s.Attempts, 1));
        }

        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        (await host.Bus.Published.Any<RunStage<ProbeStage>>(m => m.Context.Message.AssetId == asset)).ShouldBeTrue();
        var stage = await host.StageAsync(asset, StageRegistry.Probe.Name);
        stage.Status.ShouldBe(StageStatus.Pending);
        stage.LeaseHolder.ShouldBeNull();
        var probe = new CountingStage(StageRegistry.Probe.Name);
        await host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None);
        probe.Runs.ShouldBe(1);
        (await host.StageAsync(asset, StageRegistry.Probe.Name)).Attempts.ShouldBe(2);
    }

    [Test]
    public async Task Run_WhenALiveWorkersLeaseIsStillValid_DoesNotTakeTheStage()
    {
        await using var host = new PipelineTestHost(leaseDuration: Lease);
        await host.StartAsync();
        var asset = await host.AddAssetAsync();
        await using (var db = await host.CatalogAsync())
        {
            await db.PipelineStages.Where(s => s.AssetId == asset && s.Stage == StageRegistry.Probe.Name).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, StageStatus.Running)
                .SetProperty(s => s.StartedAt, DateTime.UtcNow.AddMinutes(-30))
                .SetProperty(s => s.LeaseHolder, "live-host:7:here")
                .SetProperty(s => s.LeaseExpiresAt, DateTime.UtcNow.AddMinutes(1))
                .SetProperty(s => s.Attempts, 1));
        }
        var probe = new CountingStage(StageRegistry.Probe.Name);

        await host.Get<StageRunner>().RunAsync(asset, probe, CancellationToken.None);
        await host.Get<PipelineReconciler>().ReconcileAsync(CancellationToken.None);

        probe.Runs.ShouldBe(0);
        (await host.StageAsync(asset, StageRegistry.Probe.Name)).LeaseHolder.ShouldBe("live-host:7:here");
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
