using Mam.Storage.Originals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Originals;

/// <summary>Opens the original cache at start rather than at the first clip: its folder must be
/// creatable (else the worker does not start), what a previous run left is indexed, partial downloads
/// go, and a cap larger than the disk can give is said once, with the setting to change.</summary>
public sealed class OriginalCacheStartup(IServiceProvider services, ILogger<OriginalCacheStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var cache = services.GetRequiredService<OriginalCache>();
        if (!Directory.Exists(cache.Root))
        {
            return Task.CompletedTask; // the cache is off
        }
        var free = new DriveInfo(cache.Root).AvailableFreeSpace;
        if (free + cache.UsedBytes < cache.MaxBytes)
        {
            logger.LogWarning("The original cache {Directory} may use {MaxBytes} bytes ({Setting}) but its disk has {Free} bytes free; " +
                "when the disk fills, unused originals are evicted and a clip that still does not fit fails with this folder named",
                cache.Root, cache.MaxBytes, $"{OriginalCacheOptions.Section}:MaxSizeMiB", free);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
