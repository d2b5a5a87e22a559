using Mam.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Pipeline;

/// <summary>At start, removes scratch folders a killed worker left under the work directory (a downloaded
/// camera original can be gigabytes, and unlike /tmp the data disk is not cleared by a reboot). Only what
/// is older than Pipeline:StageDeadline goes: a stage running that long is presumed dead and re-run anyway,
/// so an API and a worker sharing the data directory never sweep each other's live work.</summary>
public sealed class WorkFolderSweep(
    WorkFolders workFolders,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<WorkFolderSweep> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var swept = workFolders.SweepStale(clock.GetUtcNow() - options.Value.StageDeadline);
        if (swept.Entries > 0)
        {
            logger.LogInformation("Removed {Count} scratch folders ({Bytes} bytes) left in {WorkDirectory} by stages that did not finish",
                swept.Entries, swept.Bytes, workFolders.Root);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
