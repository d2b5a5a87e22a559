using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Harness;
using Mam.Bench.ProxyOverhead.Measuring;
using Mam.Media;
using Mam.Media.Capabilities;
using Mam.Media.Processes;
using Mam.Media.Renditions;
using Mam.Media.Renditions.Proxies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Bench.ProxyOverhead;

/// <summary>The proxy stage's cost over the bare ffmpeg command it runs: FfmpegRenditionMaker.MakeProxyAsync
/// (ProcessRunner, temp name, rename) against the same ffmpeg arguments started directly, on a generated
/// 1080p clip, alternating, medians of several rounds. Issue goal: overhead ≤ 5%. A program that prints
/// numbers; it asserts nothing about them.</summary>
public static class ProxyOverheadBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/proxy-overhead -- [--seconds 60] [--rounds 3] [--source FILE]
                 [--work DIR] [--keep-work false]
        """;

    private const string Ffmpeg = "/usr/bin/ffmpeg";

    private static readonly string[] KnownFlags = ["seconds", "rounds", "source", "work", "keep-work"];

    private sealed record Run(string Who, int Round, double Wall, double Cpu);

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Flags flags;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            _ = flags.Number("seconds", 60, 5, 3600);
            _ = flags.WholeNumber("rounds", 3, 1, 50);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await RunAsync(flags, Console.Out, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ExternalProcessException or InvalidOperationException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> RunAsync(Flags flags, TextWriter output, CancellationToken cancellationToken)
    {
        var seconds = flags.Number("seconds", 60, 5, 3600);
        var rounds = flags.WholeNumber("rounds", 3, 1, 50);
        var work = flags.WorkFolder("proxy");
        var keep = string.Equals(flags.Text("keep-work"), "true", StringComparison.OrdinalIgnoreCase);
        Directory.CreateDirectory(work);
        try
        {
            var capture = new ArgumentsCapture();
            var runner = new ProcessRunner(capture);
            var source = flags.Text("source") ?? await MakeSourceAsync(new ProcessRunner(NullLogger<ProcessRunner>.Instance), work, seconds, output, cancellationToken).ConfigureAwait(false);
            // The standard profile in software, as on a machine without a GPU.
            var tools = Options.Create(new MediaToolsOptions());
            var proxies = Options.Create(new ProxyOptions { HardwareEncoding = HardwareEncoding.Off });
            var maker = new FfmpegRenditionMaker(runner, tools, proxies, new FfmpegReadiness(runner, tools, proxies), NullLogger<FfmpegRenditionMaker>.Instance);
            var clip = new ProxyClip(Path.GetFileNameWithoutExtension(source), null, null);
            var ours = Path.Combine(work, "ours.mp4");
            var bare = Path.Combine(work, "bare.mp4");

            // Warm-up: fills the page cache with the source and shows which arguments our code passes.
            await maker.MakeProxyAsync(source, ours, clip, null, cancellationToken).ConfigureAwait(false);
            var arguments = capture.Started[^1].ToList();
            arguments[^1] = bare; // our temp name, ".{name}.{guid}.partial.mp4", becomes a plain output path

            await MachineFacts.PrintHeaderAsync(output, "Proxy stage vs the bare ffmpeg command it runs",
            [
                ("source", Describe(source)),
                ("ours", "FfmpegRenditionMaker.MakeProxyAsync: ProcessRunner, temp name in the output folder, rename"),
                ("bare", "the same ffmpeg arguments (captured from ours), started directly"),
                ("ffmpeg arguments", string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))),
                ("rounds", F($"{rounds}, alternating which goes first, after one warm-up run")),
                ("cpu", "this process + waited-for children (ffmpeg), from /proc/self/stat"),
            ], cancellationToken).ConfigureAwait(false);

            var runs = new List<Run>();
            await output.WriteLineAsync(F($"{"round",5} {"who",5} {"wall s",8} {"cpu s",8}")).ConfigureAwait(false);
            for (var round = 1; round <= rounds; round++)
            {
                var order = round % 2 == 1 ? new[] { "ours", "bare" } : ["bare", "ours"];
                foreach (var who in order)
                {
                    var run = await MeasureAsync(who, round, who == "ours"
                        ? token => maker.MakeProxyAsync(source, ours, clip, null, token)
                        : token => BareFfmpeg.RunAsync(Ffmpeg, arguments, token), cancellationToken).ConfigureAwait(false);
                    runs.Add(run);
                    await output.WriteLineAsync(F($"{run.Round,5} {run.Who,5} {run.Wall,8:0.00} {run.Cpu,8:0.00}")).ConfigureAwait(false);
                }
            }

            double Median(string who, Func<Run, double> pick)
            {
                var sorted = runs.Where(r => r.Who == who).Select(pick).Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            }
            var (oursWall, bareWall) = (Median("ours", r => r.Wall), Median("bare", r => r.Wall));
            var (oursCpu, bareCpu) = (Median("ours", r => r.Cpu), Median("bare", r => r.Cpu));
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(F($"{"median",-7} {"ours s",8} {"bare s",8} {"ours/bare",10} {"overhead",9}  (goal <= 5%)")).ConfigureAwait(false);
            await output.WriteLineAsync(F($"{"wall",-7} {oursWall,8:0.00} {bareWall,8:0.00} {oursWall / bareWall,10:0.000} {(oursWall / bareWall) - 1,9:+0.0%;-0.0%}")).ConfigureAwait(false);
            await output.WriteLineAsync(F($"{"cpu",-7} {oursCpu,8:0.00} {bareCpu,8:0.00} {oursCpu / bareCpu,10:0.000} {(oursCpu / bareCpu) - 1,9:+0.0%;-0.0%}")).ConfigureAwait(false);
            await output.WriteLineAsync(F($"speed: {seconds / bareWall:0.00}x real time for the bare command ({Environment.ProcessorCount} cores, shared)")).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<Run> MeasureAsync(string who, int round, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var before = CpuClock.Now();
        var clock = Stopwatch.StartNew();
        await work(cancellationToken).ConfigureAwait(false);
        var wall = clock.Elapsed.TotalSeconds;
        var after = CpuClock.Now();
        return new Run(who, round, wall, after.Self - before.Self + (after.Children - before.Children));
    }

    /// <summary>A camera-like original: 1920x1080 25p ProRes 422 Proxy with 48 kHz stereo PCM.</summary>
    private static async Task<string> MakeSourceAsync(ProcessRunner runner, string work, double seconds, TextWriter output, CancellationToken cancellationToken)
    {
        var path = Path.Combine(work, "A001C001_1080p25.mov");
        var clock = Stopwatch.StartNew();
        var length = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        await runner.RunAsync(Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=1920x1080:r=25:d={length}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={length}",
            "-map", "0:v", "-map", "1:a", "-ac", "2",
            "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s24le", "-timecode", "01:00:00:00", path,
        ], cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(F($"Generated {Path.GetFileName(path)} ({new FileInfo(path).Length / 1e6:0} MB) in {clock.Elapsed.TotalSeconds:0} s.")).ConfigureAwait(false);
        return path;
    }

    private static string Describe(string source) =>
        F($"{Path.GetFileName(source)}, {new FileInfo(source).Length / 1e6:0} MB");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
