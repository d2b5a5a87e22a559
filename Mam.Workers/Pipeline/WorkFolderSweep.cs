using Mam.Hosting;
using Mam.Media.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Pipeline;

/// <summary>At start, stops the tools and removes the scratch folders a killed worker left (a downloaded camera
/// original can be gigabytes, and unlike /tmp the data disk is not cleared by a reboot). Tools first, so none
/// is still writing into a folder being removed. Only what belongs to a process that is no longer running
/// goes (pid and start time), so an API and a worker sharing the data directory never touch each other's
/// live work; scratch whose owner cannot be checked goes once older than Pipeline:StageDeadline.</summary>
public sealed class WorkFolderSweep(
    WorkFolders workFolders,
    ChildProcesses children,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<WorkFolderSweep> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var killed = children.KillLeftovers();
        if (killed > 0)
        {
            logger.LogInformation("Stopped {Count} tool(s) left running by a worker that was killed", killed);
        }
        var swept = workFolders.SweepLeftovers(clock.GetUtcNow() - options.Value.StageDeadline);
        if (swept.Entries > 0)
        {
            logger.LogInformation("Removed {Count} scratch folders ({Bytes} bytes) left in {WorkDirectory} by stages that did not finish",
                swept.Entries, swept.Bytes, workFolders.Root);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
