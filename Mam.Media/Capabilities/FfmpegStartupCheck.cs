using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Media.Capabilities;

/// <summary>Stops a host that runs the pipeline from starting when its ffmpeg lacks an encoder or filter
/// the pipeline uses. Without it, every clip would reach that stage and fail with the same ffmpeg error;
/// refusing to start leaves the work queued in the catalog for a worker that can do it.
/// <see cref="IHostedLifecycleService.StartingAsync"/> runs before any hosted service's StartAsync, so
/// the bus and the reconciler never pick up a clip on a machine that cannot finish it.</summary>
public sealed class FfmpegStartupCheck(FfmpegReadiness readiness, ILogger<FfmpegStartupCheck> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var report = await readiness.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (report.IsReady)
        {
            logger.LogInformation("ffmpeg {Version} at {Path} has every encoder and filter the pipeline needs; hardware acceleration built in: {Accelerators}; proxies are encoded {ProxyEncoding}",
                report.Version, report.FfmpegPath, report.HardwareAccelerators.Count == 0 ? "none" : string.Join(", ", report.HardwareAccelerators),
                report.ProxyHardware is { } hardware ? $"with {hardware}, falling back to software for a clip it refuses" : "in software");
            return;
        }
        foreach (var problem in report.Problems)
        {
            logger.LogCritical("The pipeline cannot run on this machine: {Problem}", problem);
        }
        throw new FfmpegUnfitException(string.Join(' ', report.Problems));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The configured ffmpeg cannot do what the pipeline asks; the message says what to install or set.</summary>
public sealed class FfmpegUnfitException(string message) : Exception(message);
