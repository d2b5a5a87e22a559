using System.Globalization;
using Mam.Bench.Harness;
using Mam.Hosting;
using Mam.Integrity.Hashing;
using Mam.Media;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Storage;
using Mam.Storage.Originals;
using Mam.Storage.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Bench.OriginalReads;

/// <summary>Bytes read from the object store (Ceph RGW) per clip through the stages that read the camera
/// original, ÷ the original's size: the original cache (probe through a presigned GET, one shared download
/// for proxy, transcribe and analyse) against the baseline of one download per stage (cache off, as before).
/// Prints numbers; asserts nothing.</summary>
public static class OriginalReadsBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/original-reads -- [--clips 2] [--clip-seconds 20]
          needs the servers of infra/servers/start.sh (MAM_TEST_S3_* variables) and ffmpeg
        """;

    private static readonly string[] KnownFlags = ["clips", "clip-seconds"];

    public static async Task<int> Main(string[] args)
    {
        int clips;
        double seconds;
        Flags flags;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            clips = flags.WholeNumber("clips", 2, 1, 50);
            seconds = flags.Number("clip-seconds", 20, 1, 600);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        var endpoint = Environment.GetEnvironmentVariable("MAM_TEST_S3_ENDPOINT");
        if (string.IsNullOrEmpty(endpoint))
        {
            await Console.Error.WriteLineAsync($"MAM_TEST_S3_ENDPOINT is not set: start the servers with infra/servers/start.sh.\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var work = flags.WorkFolder("original-reads");
        var bucket = $"mam-bench-originals-{Guid.NewGuid():N}"[..40];
        await using var relay = new CountingRelay(new Uri(endpoint));
        using var direct = Store(endpoint, bucket);
        using var relayed = Store(relay.Endpoint.ToString().TrimEnd('/'), bucket);
        var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        var tools = new MediaToolsOptions();
        var probe = new FfprobeMediaProbe(runner, Options.Create(tools));
        var originals = new List<(string Key, long Size, string Xxh64)>();
        try
        {
            Directory.CreateDirectory(work);
            for (var i = 1; i <= clips; i++)
            {
                var file = Path.Combine(work, $"A001C{i:000}.mov");
                await MakeClipAsync(runner, tools, file, seconds).ConfigureAwait(false);
                await using var content = File.OpenRead(file);
                var stored = await direct.PutAsync($"originals/bench/{Path.GetFileName(file)}", content, null, CancellationToken.None).ConfigureAwait(false);
                originals.Add((stored.Key, stored.Size, stored.Xxh64));
                File.Delete(file);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clips} clips of {seconds:0.#} s, 1920x1080 25p ProRes 422 Proxy + PCM stereo, {originals.Average(o => o.Size) / 1048576:0.0} MiB each on average; Ceph RGW at {endpoint}"));
            Console.WriteLine("stages that read the original: probe, then proxy and transcribe at once, then analyse (after proxy)");
            Console.WriteLine();
            Console.WriteLine("| run | connections to the store | bytes from the store | ÷ original size (per clip) |");
            Console.WriteLine("|---|---|---|---|");
            var baseline = await RunAsync("baseline: cache off, one download per stage", enabled: false).ConfigureAwait(false);
            var ours = await RunAsync("ours: original cache", enabled: true).ConfigureAwait(false);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes read per clip ÷ original size: baseline {baseline:0.000}, ours {ours:0.000}; baseline ÷ ours = {baseline / ours:0.00}x"));
            return 0;
        }
        finally
        {
            // The emptied bucket stays: the test servers are thrown away with their folder.
            foreach (var (key, _, _) in originals)
            {
                await direct.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        async Task<double> RunAsync(string name, bool enabled)
        {
            var cache = new OriginalCache(relayed, new WorkFolders(Path.Combine(work, "work")),
                Options.Create(new OriginalCacheOptions { Enabled = enabled, Directory = Path.Combine(work, $"cache-{enabled}") }),
                Options.Create(new MamOptions { DataDirectory = work }), NullLogger<OriginalCache>.Instance);
            relay.Reset();
            long size = 0;
            foreach (var original in originals)
            {
                size += original.Size;
                await ProbeAsync(cache, probe, original).ConfigureAwait(false);
                var proxy = ReadAsync(cache, original);
                var transcribe = ReadAsync(cache, original);
                await proxy.ConfigureAwait(false);
                await Task.WhenAll(transcribe, ReadAsync(cache, original)).ConfigureAwait(false);
            }
            var ratio = (double)relay.BytesFromStore / size;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {relay.Connections} | {relay.BytesFromStore:N0} | {ratio:0.000} |"));
            return ratio;
        }
    }

    /// <summary>As ProbeStage does it.</summary>
    private static async Task ProbeAsync(OriginalCache cache, FfprobeMediaProbe probe, (string Key, long Size, string Xxh64) original)
    {
        await using var source = await cache.OpenForProbeAsync(original.Key, original.Size, original.Xxh64, CancellationToken.None).ConfigureAwait(false);
        var info = source.Url is { } url
            ? await probe.ProbeAsync(url, Path.GetFileName(original.Key), CancellationToken.None).ConfigureAwait(false)
            : await probe.ProbeAsync(source.Path!, CancellationToken.None).ConfigureAwait(false);
        _ = info.DurationSeconds ?? throw new InvalidOperationException($"ffprobe found no duration in {original.Key}");
    }

    /// <summary>As the proxy, transcribe and analyse stages fetch it; reading the whole file stands in for ffmpeg.</summary>
    private static async Task ReadAsync(OriginalCache cache, (string Key, long Size, string Xxh64) original)
    {
        await using var local = await cache.OpenAsync(original.Key, original.Size, original.Xxh64, CancellationToken.None).ConfigureAwait(false);
        _ = await Xxh64.HashFileAsync(local.Path, CancellationToken.None).ConfigureAwait(false);
    }

    private static S3ObjectStore Store(string serviceUrl, string bucket) => new(Options.Create(new S3StorageOptions
    {
        ServiceUrl = serviceUrl,
        Region = Environment.GetEnvironmentVariable("MAM_TEST_S3_REGION") is { Length: > 0 } region ? region : "us-east-1",
        AccessKey = Environment.GetEnvironmentVariable("MAM_TEST_S3_ACCESS_KEY") ?? "",
        SecretKey = Environment.GetEnvironmentVariable("MAM_TEST_S3_SECRET_KEY") ?? "",
        Bucket = bucket,
    }), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);

    private static Task<ProcessResult> MakeClipAsync(ProcessRunner runner, MediaToolsOptions tools, string path, double seconds)
    {
        var d = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        return runner.RunAsync(tools.FfmpegPath,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=1920x1080:r=25:d={d}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={d}",
            "-map", "0:v", "-map", "1:a", "-ac", "2",
            "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s24le", path,
        ], TimeSpan.FromMinutes(10), CancellationToken.None);
    }
}
