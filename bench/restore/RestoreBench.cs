using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Harness;
using Mam.Bench.Upload;

namespace Mam.Bench.Restore;

/// <summary>
/// Restore of one card from the Ceph RGW of infra/servers: ours (`ingest-agent restore`: plan, manifest of
/// presigned URLs, every file hashed while written and verified against the set's xxh64, the card's ASC
/// MHL history and a new generation, the results reported) against what an archivist would do by hand,
/// `aws s3 cp --recursive` of the card's folder and then `xxhsum -H64` of every file it wrote (which
/// compares nothing and writes no MHL). Alternating order, in one run. Prints numbers; asserts nothing.
/// </summary>
public static class RestoreBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/restore -- [--size-mib 256] [--clips 4] [--files-in-flight 4] [--repeat 1] [--work DIR]
               dotnet run -c Release --project bench/restore -- --measure fixity [--size-mib 1024] [--clips 4] [--repeat 3]
               dotnet run -c Release --project bench/restore -- --cut-seconds 10 [--clip-seconds 30]
          --size-mib 4096 is the ~4 GiB card of issue #13; --cut-seconds 10 --clip-seconds 260 its 10 s from a ~2 GiB clip;
          --measure fixity times a fixity audit of the card (budget off) against aws s3 cp of its clips to /dev/null.
          Needs `dotnet build Mam.sln -c Release`, awscli, xxhsum, ffmpeg, and the RGW of infra/servers/start.sh (MAM_TEST_S3_* variables)
        """;

    private static readonly string[] KnownFlags = ["size-mib", "clips", "files-in-flight", "repeat", "work", "cut-seconds", "clip-seconds", "measure"];

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            var flags = Flags.Parse(args, KnownFlags);
            if (flags.Text("cut-seconds") is not null)
            {
                return await CutBench.RunAsync(flags.Number("clip-seconds", 30, 2, 3600), flags.Number("cut-seconds", 4, 0.1, 600), flags.WorkFolder("restore-cut"), Console.Out, cancel.Token).ConfigureAwait(false);
            }
            var options = new RestoreBenchOptions(
                flags.WholeNumber("size-mib", 256, 1, 64 * 1024) * 1024L * 1024L,
                flags.WholeNumber("clips", 4, 1, 1000),
                flags.WholeNumber("files-in-flight", 4, 1, 64),
                flags.WholeNumber("repeat", 1, 1, 20),
                flags.WorkFolder("restore"));
            return flags.Text("measure") switch
            {
                null or "restore" => await RunAsync(options, Console.Out, cancel.Token).ConfigureAwait(false),
                "fixity" => await FixityBench.RunAsync(options, Console.Out, cancel.Token).ConfigureAwait(false),
                var other => throw new FormatException($"--measure must be restore or fixity, not '{other}'."),
            };
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> RunAsync(RestoreBenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var repo = RepoPaths.Find();
        RepoPaths.RequireBuilt(repo.ApiDll, repo.AgentDll);
        var s3 = S3Settings.FromEnvironment();
        Directory.CreateDirectory(options.Work);
        var aws = new AwsCli(s3, Path.Combine(options.Work, "aws-config"));
        await MachineFacts.PrintHeaderAsync(output, "Restore: ingest-agent restore (verified, ASC MHL) vs aws s3 cp --recursive + xxhsum -H64", [
            ("card", string.Create(CultureInfo.InvariantCulture, $"{options.Clips} clip(s) of random bytes, {options.SizeBytes / (1024 * 1024)} MiB in all, and a sidecar each")),
            ("ours", string.Create(CultureInfo.InvariantCulture, $"--files-in-flight {options.FilesInFlight}")),
            ("aws", "awscli defaults (10 requests at once, 8 MiB parts)"),
            ("store", $"{s3.Endpoint} bucket {S3Settings.Bucket}"),
            ("repeat", options.Repeat.ToString(CultureInfo.InvariantCulture)),
        ], cancellationToken).ConfigureAwait(false);
        await aws.EnsureBucketAsync(cancellationToken).ConfigureAwait(false);

        var prefix = "bench-restore-" + Guid.NewGuid().ToString("N")[..12];
        var ours = new List<double>();
        var theirs = new List<double>();
        try
        {
            using var api = await MamApiProcess.StartAsync(repo, s3.ApiSettings(prefix, 16), Path.Combine(options.Work, "api"), embeddedWorkers: false, cancellationToken).ConfigureAwait(false);
            var card = await BenchCard.IngestAsync(repo, api, options, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"card {BenchCard.Name} uploaded as {card}; restoring it {options.Repeat} time(s) each way");
            for (var round = 1; round <= options.Repeat; round++)
            {
                foreach (var isOurs in round % 2 == 1 ? new[] { true, false } : [false, true])
                {
                    var destination = Path.Combine(options.Work, $"restored-{(isOurs ? "ours" : "aws")}-{round}");
                    var sampler = await LoadSampler.StartAsync(cancellationToken).ConfigureAwait(false);
                    var watch = Stopwatch.StartNew();
                    var (files, detail) = isOurs
                        ? await OursAsync(repo, api, card, destination, options, cancellationToken).ConfigureAwait(false)
                        : await TheirsAsync(aws, prefix, destination, cancellationToken).ConfigureAwait(false);
                    var seconds = watch.Elapsed.TotalSeconds;
                    var load = await sampler.StopAsync(cancellationToken).ConfigureAwait(false);
                    await sampler.DisposeAsync().ConfigureAwait(false);
                    (isOurs ? ours : theirs).Add(seconds);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: {(isOurs ? "ours (ingest-agent restore)" : "aws s3 cp --recursive + xxhsum"),-32} {seconds,7:0.00} s  {options.SizeBytes / 1048576.0 / seconds,6:0.0} MiB/s  {files} files, {detail}  ({load})"));
                    Directory.Delete(destination, recursive: true);
                }
            }
        }
        finally
        {
            await aws.RemoveFolderAsync(prefix, CancellationToken.None).ConfigureAwait(false);
            await DeletedObjects.PurgeAsync(output, CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(options.Work, recursive: true);
        }

        var (oursMedian, theirsMedian) = (Median(ours), Median(theirs));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {options.Repeat}: ours {oursMedian:0.00} s, aws s3 cp + xxhsum {theirsMedian:0.00} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours / (aws s3 cp --recursive + xxhsum -H64) = {oursMedian / theirsMedian:0.00}  (aim <= 1.0)"));
        return 0;
    }

    private static async Task<(int Files, string Detail)> OursAsync(RepoPaths repo, MamApiProcess api, Guid card, string destination, RestoreBenchOptions options, CancellationToken cancellationToken)
    {
        var printed = await BenchCard.AgentAsync(repo, options, cancellationToken,
            "restore", "--api", api.BaseUri.ToString(), "--token", api.AdminToken, "--card", card.ToString(), "--dest", destination,
            "--files-in-flight", options.FilesInFlight.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        if (!printed.Contains("Restore complete", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"ingest-agent restore did not complete:\n{printed}");
        }
        var mhl = Directory.GetFiles(Path.Combine(destination, BenchCard.Name, "ascmhl"), "*.mhl").Length;
        return (Directory.GetFiles(destination, "*", SearchOption.AllDirectories).Length, $"verified, {mhl} MHL generations");
    }

    private static async Task<(int Files, string Detail)> TheirsAsync(AwsCli aws, string prefix, string destination, CancellationToken cancellationToken)
    {
        await aws.CopyFolderAsync($"{prefix}/projects/{BenchCard.Project}/cards/{BenchCard.Name}/", Path.Combine(destination, BenchCard.Name), cancellationToken).ConfigureAwait(false);
        var files = Directory.GetFiles(destination, "*", SearchOption.AllDirectories);
        var start = new ProcessStartInfo("xxhsum", ["-H64", .. files]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var xxhsum = Process.Start(start) ?? throw new InvalidOperationException("xxhsum did not start (apt-get install xxhash).");
        var hashes = xxhsum.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = xxhsum.StandardError.ReadToEndAsync(cancellationToken);
        await xxhsum.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var lines = (await hashes.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (xxhsum.ExitCode != 0 || lines != files.Length)
        {
            throw new InvalidOperationException($"xxhsum -H64 exited {xxhsum.ExitCode} with {lines} hashes for {files.Length} files: {await errors.ConfigureAwait(false)}");
        }
        return (files.Length, "hashed, nothing compared");
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

internal sealed record RestoreBenchOptions(long SizeBytes, int Clips, int FilesInFlight, int Repeat, string Work);
