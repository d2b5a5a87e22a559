using System.Globalization;
using System.Runtime.InteropServices;

namespace Mam.Bench.Harness;

/// <summary>What a reader needs to judge the numbers: how many cores, how busy the machine already
/// was, and what runtime ran the benchmark.</summary>
public static class MachineFacts
{
    public static async Task PrintHeaderAsync(TextWriter output, string title, IEnumerable<(string Key, string Value)> configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(configuration);
        await output.WriteLineAsync($"=== {title} ===".AsMemory(), cancellationToken).ConfigureAwait(false);
        var cpu = await CpuModelAsync(cancellationToken).ConfigureAwait(false);
        var load = await LoadSampler.ReadLoadAverageAsync(cancellationToken).ConfigureAwait(false);
        var memory = await MemoryAsync(cancellationToken).ConfigureAwait(false);
        var facts = new List<(string, string)>
        {
            ("date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + (cpu is null ? "" : $" ({cpu})")),
            ("load average", load ?? "unknown"),
            ("memory", memory ?? "unknown"),
            ("os / runtime", $"{RuntimeInformation.OSDescription} / {RuntimeInformation.FrameworkDescription}"),
        };
        foreach (var (key, value) in facts.Concat(configuration))
        {
            await output.WriteLineAsync($"  {key,-28} {value}".AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    private static async Task<string?> CpuModelAsync(CancellationToken cancellationToken)
    {
        var lines = await ReadLinesAsync("/proc/cpuinfo", cancellationToken).ConfigureAwait(false);
        var model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model?[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static async Task<string?> MemoryAsync(CancellationToken cancellationToken)
    {
        var lines = await ReadLinesAsync("/proc/meminfo", cancellationToken).ConfigureAwait(false);
        static double? GiB(IEnumerable<string> lines, string key)
        {
            var line = lines.FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? null : double.Parse(kb, CultureInfo.InvariantCulture) / (1024 * 1024);
        }
        var total = GiB(lines, "MemTotal");
        var available = GiB(lines, "MemAvailable");
        return total is null ? null : string.Create(CultureInfo.InvariantCulture, $"{total:0.0} GiB total, {available:0.0} GiB available");
    }

    private static async Task<string[]> ReadLinesAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false) : [];
}
