using System.Diagnostics;
using System.Globalization;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Bench.Search;

/// <summary>The baseline without an index: <c>LC_ALL=C grep -F -i -c</c> over the text file (page
/// cache warm), started through sh as a script would.</summary>
public static class GrepSearch
{
    public static async Task<Latency> MeasureAsync(string name, string file, IEnumerable<string> patterns)
    {
        var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        var latency = new Latency("grep -F " + name);

        // grep exits 1 when nothing matches; the shell keeps that from reading as a failure.
        string[] Arguments(string pattern) => ["-c", "LC_ALL=C grep -F -i -c -e \"$1\" \"$2\" || true", "sh", pattern, file];
        await runner.RunAsync("/bin/sh", Arguments("warm the page cache"), CancellationToken.None);
        foreach (var pattern in patterns)
        {
            var clock = Stopwatch.StartNew();
            var result = await runner.RunAsync("/bin/sh", Arguments(pattern), CancellationToken.None);
            latency.Add(clock.Elapsed.TotalMilliseconds, int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture));
        }

        return latency;
    }
}
