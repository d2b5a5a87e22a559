using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Bench.Harness;
using Mam.Bench.Upload;

namespace Mam.Bench.Restore;

/// <summary>
/// Fixity audit throughput with the reading budget off: ours (<c>POST /api/fixity/audits</c> for the card,
/// run by the server's job host — plan, re-read every stored original, xxh64 against the on-set hash, a
/// check recorded per copy) against <c>aws s3 cp s3://… /dev/null</c> of the card's clips, one after the
/// other, which reads and checks nothing. Both are timed wall-clock; GiB/min is each side's own bytes
/// over its own time. The baseline leaves out the card's small files (sidecars, MHL), whose per-process
/// start-up (~0.4 s of Python each) would flatter us. Alternating order, in one run; asserts nothing.
/// </summary>
internal static class FixityBench
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(RestoreBenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var repo = RepoPaths.Find();
        RepoPaths.RequireBuilt(repo.ApiDll, repo.AgentDll);
        var s3 = S3Settings.FromEnvironment();
        Directory.CreateDirectory(options.Work);
        var aws = new AwsCli(s3, Path.Combine(options.Work, "aws-config"));
        await MachineFacts.PrintHeaderAsync(output, "Fixity audit (budget off) vs aws s3 cp … /dev/null of the same objects", [
            ("card", string.Create(CultureInfo.InvariantCulture, $"{options.Clips} clip(s) of random bytes, {options.SizeBytes / (1024 * 1024)} MiB in all, and a sidecar each")),
            ("ours", "POST /api/fixity/audits {card}, Fixity:MaxMiBPerSecond 0, polled every 100 ms until done"),
            ("aws", "aws s3 cp s3://…/clip /dev/null, clip after clip (awscli defaults: 10 requests at once, 8 MiB parts)"),
            ("store", $"{s3.Endpoint} bucket {S3Settings.Bucket}"),
            ("repeat", options.Repeat.ToString(CultureInfo.InvariantCulture)),
        ], cancellationToken).ConfigureAwait(false);
        await aws.EnsureBucketAsync(cancellationToken).ConfigureAwait(false);

        var prefix = "bench-fixity-" + Guid.NewGuid().ToString("N")[..12];
        var ours = new List<double>();
        var theirs = new List<double>();
        try
        {
            var settings = s3.ApiSettings(prefix, 16);
            settings["Fixity:MaxMiBPerSecond"] = "0";
            settings["Fixity:SamplePercent"] = "0";
            // The audit runs as a job, so this API runs the job host (and with it the pipeline, which
            // gives up on the random-byte clips at once: nothing of it is left by the first round).
            using var api = await MamApiProcess.StartAsync(repo, settings, Path.Combine(options.Work, "api"), embeddedWorkers: true, cancellationToken).ConfigureAwait(false);
            var card = await BenchCard.IngestAsync(repo, api, options, cancellationToken).ConfigureAwait(false);
            var clipKeys = await aws.ListKeysAsync($"{prefix}/projects/{BenchCard.Project}/cards/{BenchCard.Name}/Clips/", cancellationToken).ConfigureAwait(false);
            clipKeys = clipKeys.Where(k => k.EndsWith(".mov", StringComparison.Ordinal)).ToList();
            if (clipKeys.Count != options.Clips)
            {
                throw new InvalidOperationException($"expected {options.Clips} clips in the store under {prefix}, found {clipKeys.Count}");
            }
            output.WriteLine($"card {BenchCard.Name} uploaded as {card}; auditing it {options.Repeat} time(s) each way");
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            using var client = api.CreateClient();
            for (var round = 1; round <= options.Repeat; round++)
            {
                foreach (var isOurs in round % 2 == 1 ? new[] { true, false } : [false, true])
                {
                    var sampler = await LoadSampler.StartAsync(cancellationToken).ConfigureAwait(false);
                    var watch = Stopwatch.StartNew();
                    var (bytes, detail) = isOurs
                        ? await OursAsync(client, card, cancellationToken).ConfigureAwait(false)
                        : await TheirsAsync(aws, clipKeys, options, cancellationToken).ConfigureAwait(false);
                    var seconds = watch.Elapsed.TotalSeconds;
                    var load = await sampler.StopAsync(cancellationToken).ConfigureAwait(false);
                    await sampler.DisposeAsync().ConfigureAwait(false);
                    var gibPerMinute = bytes / (1024.0 * 1024 * 1024) / (seconds / 60);
                    (isOurs ? ours : theirs).Add(gibPerMinute);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: {(isOurs ? "ours (fixity audit)" : "aws s3 cp … /dev/null"),-24} {seconds,7:0.00} s  {gibPerMinute,6:0.00} GiB/min  {bytes / 1048576.0,8:0.0} MiB, {detail}  ({load})"));
                }
            }
        }
        finally
        {
            await aws.RemoveFolderAsync(prefix, CancellationToken.None).ConfigureAwait(false);
            await DeletedObjects.PurgeAsync(output, CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(options.Work, recursive: true);
        }

        var (oursMedian, theirsMedian) = (RestoreBench.Median(ours), RestoreBench.Median(theirs));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {options.Repeat}: ours {oursMedian:0.00} GiB/min, aws s3 cp … /dev/null {theirsMedian:0.00} GiB/min"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours / aws s3 cp to /dev/null = {oursMedian / theirsMedian:0.00}  (aim >= 0.9)"));
        return 0;
    }

    /// <returns>The bytes the audit says it read, and what it found.</returns>
    private static async Task<(long Bytes, string Detail)> OursAsync(HttpClient client, Guid card, CancellationToken cancellationToken)
    {
        using var started = await client.PostAsJsonAsync("/api/fixity/audits", new { card, reason = "bench/restore --measure fixity" }, cancellationToken).ConfigureAwait(false);
        var body = await started.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!started.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/fixity/audits answered {(int)started.StatusCode}: {body}");
        }
        var url = JsonDocument.Parse(body).RootElement.GetProperty("url").GetString()!;
        var limit = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            using var audit = JsonDocument.Parse(await client.GetStringAsync(url, cancellationToken).ConfigureAwait(false));
            var view = audit.RootElement;
            if (view.GetProperty("status").GetString() == "done")
            {
                var (planned, intact) = (view.GetProperty("planned").GetInt32(), view.GetProperty("intact").GetInt32());
                if (planned == 0 || intact != planned)
                {
                    throw new InvalidOperationException($"the audit found {intact} of {planned} copies intact: {view}");
                }
                return (view.GetProperty("bytesRead").GetInt64(), string.Create(CultureInfo.InvariantCulture, $"{intact} copies checked intact"));
            }
            if (limit.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"the audit did not finish in 30 minutes: {view}");
            }
        }
    }

    private static async Task<(long Bytes, string Detail)> TheirsAsync(AwsCli aws, List<string> keys, RestoreBenchOptions options, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            await aws.ReadBackAsync(key, cancellationToken).ConfigureAwait(false);
        }
        return (options.SizeBytes / options.Clips * options.Clips, string.Create(CultureInfo.InvariantCulture, $"{keys.Count} clips read, nothing checked"));
    }
}
