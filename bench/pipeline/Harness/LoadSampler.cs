using System.Globalization;

namespace Mam.Bench.Harness;

/// <summary>How busy the whole machine was during one phase: CPU busy share from /proc/stat (all
/// processes, ours and everyone else's) and the 1-minute load average, sampled every second.</summary>
public sealed class LoadSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _loads = [];
    private readonly Task _sampling;
    private readonly (long Busy, long Total)? _cpuAtStart;

    private LoadSampler((long, long)? cpuAtStart)
    {
        _cpuAtStart = cpuAtStart;
        _sampling = SampleAsync(_stop.Token);
    }

    public static async Task<LoadSampler> StartAsync(CancellationToken cancellationToken) =>
        new(await ReadCpuAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>e.g. "cpu 97% busy, load 1m 5.1–7.9 (mean 6.4)".</summary>
    public async Task<string> StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        var cpuAtEnd = await ReadCpuAsync(cancellationToken).ConfigureAwait(false);
        var busy = _cpuAtStart is { } a && cpuAtEnd is { } b && b.Total > a.Total
            ? string.Create(CultureInfo.InvariantCulture, $"cpu {100.0 * (b.Busy - a.Busy) / (b.Total - a.Total):0}% busy")
            : "cpu busy unknown";
        lock (_loads)
        {
            return _loads.Count == 0
                ? busy
                : string.Create(CultureInfo.InvariantCulture, $"{busy}, load 1m {_loads.Min():0.0}-{_loads.Max():0.0} (mean {_loads.Average():0.0})");
        }
    }

    public static async Task<string?> ReadLoadAverageAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/proc/loadavg"))
        {
            return null;
        }
        var parts = (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken).ConfigureAwait(false)).Split(' ');
        return $"{parts[0]} {parts[1]} {parts[2]} (1, 5, 15 min)";
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (File.Exists("/proc/loadavg"))
                {
                    var text = await File.ReadAllTextAsync("/proc/loadavg", cancellationToken).ConfigureAwait(false);
                    var load = double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
                    lock (_loads)
                    {
                        _loads.Add(load);
                    }
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the samples so far are the result.
        }
    }

    /// <summary>Jiffies spent busy and in total across all cores since boot (first line of /proc/stat).</summary>
    private static async Task<(long Busy, long Total)?> ReadCpuAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }
        using var reader = new StreamReader("/proc/stat");
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var fields = line!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4]; // idle + iowait
        return (total - idle, total);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }
}
