using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Access;
using Mam.Bench.Catalog.Load;
using Mam.Bench.Harness;
using Mam.Bench.Search.Corpus;

namespace Mam.Bench.Access;

/// <summary>What access control costs: the p95 of GET /api/assets/{id} and of a dialogue search by a
/// signed-in editor (token, and session cookie) ÷ the same requests to the API as it was before
/// access control (the named baseline, commit 615eb7d: every read open), both running on this machine
/// with the same clips, measured in alternating rounds. Prints numbers; asserts nothing.</summary>
public static class AccessBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/access -- [--assets 2000] [--requests 2000] [--rounds 3]
                 [--concurrency 2] [--baseline-api PATH/Mam.Api.dll] [--work DIR]
          needs `dotnet build Mam.sln -c Release`; the baseline comes from `bash bench/access/build-baseline.sh`
        """;

    private static readonly string[] KnownFlags = ["assets", "requests", "rounds", "concurrency", "baseline-api", "work"];

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Flags flags;
        int assets, requests, rounds, concurrency;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            assets = flags.WholeNumber("assets", 2000, 10, 1_000_000);
            requests = flags.WholeNumber("requests", 2000, 10, 10_000_000);
            rounds = flags.WholeNumber("rounds", 3, 1, 100);
            concurrency = flags.WholeNumber("concurrency", 2, 1, 256);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        var repo = RepoPaths.Find();
        RepoPaths.RequireBuilt(repo.ApiDll);
        var baselineDll = Path.GetFullPath(flags.Text("baseline-api") ?? Path.Combine(repo.Root, ".data", "bench", "access-baseline", "Mam.Api", "bin", "Release", "net10.0", "Mam.Api.dll"));
        if (!File.Exists(baselineDll))
        {
            await Console.Error.WriteLineAsync($"No baseline API at {baselineDll}: run `bash bench/access/build-baseline.sh` first.\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        var work = flags.WorkFolder("access");
        await MachineFacts.PrintHeaderAsync(Console.Out, "access control: signed-in requests vs the API before access control",
            [("assets", assets.ToString(CultureInfo.InvariantCulture)), ("requests per variant per round", requests.ToString(CultureInfo.InvariantCulture)),
             ("rounds", rounds.ToString(CultureInfo.InvariantCulture)), ("concurrency", concurrency.ToString(CultureInfo.InvariantCulture)),
             ("baseline", baselineDll)], cancel.Token).ConfigureAwait(false);

        var settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" };
        using var ours = await MamApiProcess.StartAsync(repo.ApiDll, repo.ApiDirectory, settings, Path.Combine(work, "ours"), false, "admin-token", cancel.Token).ConfigureAwait(false);
        using var baseline = await MamApiProcess.StartAsync(baselineDll, Path.GetDirectoryName(baselineDll)!, settings, Path.Combine(work, "baseline"), false, "api-key", cancel.Token).ConfigureAwait(false);
        var baselineKey = (await File.ReadAllTextAsync(Path.Combine(work, "baseline", "api-key"), cancel.Token).ConfigureAwait(false)).Trim();

        Console.WriteLine($"Seeding {assets} clips into each server…");
        using var seeding = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var oursClips = await Seeding.ClipsAsync(new HttpClient { BaseAddress = ours.BaseUri }, r => r.Headers.Authorization = new("Bearer", ours.AdminToken), Path.Combine(work, "ours"), assets, cancel.Token).ConfigureAwait(false);
        var baselineClips = await Seeding.ClipsAsync(new HttpClient { BaseAddress = baseline.BaseUri }, r => r.Headers.Add("X-Api-Key", baselineKey), Path.Combine(work, "baseline"), assets, cancel.Token).ConfigureAwait(false);
        var (editorToken, editorBrowser) = await Seeding.EditorAsync(ours.BaseUri, ours.AdminToken, cancel.Token).ConfigureAwait(false);

        using var open = Client(baseline.BaseUri, null);
        using var withToken = Client(ours.BaseUri, editorToken);
        using var administrator = Client(ours.BaseUri, ours.AdminToken);
        using (editorBrowser)
        {
            var variants = new (string Name, HttpClient Client, IReadOnlyList<Guid> Clips)[]
            {
                ("baseline (no access control)", open, baselineClips),
                ("editor, token", withToken, oursClips),
                ("editor, session cookie", editorBrowser, oursClips),
                // Sees every project, so search needs no project filter: tells the filter's cost apart.
                ("administrator, token", administrator, oursClips),
            };
            foreach (var (route, path) in new (string, Func<Random, IReadOnlyList<Guid>, string>)[]
            {
                ("GET /api/assets/{id}", (r, clips) => $"/api/assets/{clips[r.Next(clips.Count)]}"),
                ("GET /api/search?q=", (r, _) => "/api/search?q=" + Uri.EscapeDataString(Seeding.Words(new Dialogue(r)))),
            })
            {
                var measured = variants.ToDictionary(v => v.Name, v => new Latencies(v.Name));
                // One untimed pass each first: the JIT, connection pools and caches (a clip's project,
                // the caller) warm up on every variant alike instead of on whichever runs first.
                foreach (var v in variants)
                {
                    await RunAsync(v.Client, concurrency, Math.Min(requests, 500), new Random(-1), r => path(r, v.Clips), new Latencies(v.Name), cancel.Token).ConfigureAwait(false);
                }
                for (var round = 0; round < rounds; round++)
                {
                    // A different order each round, so warming up and background load fall on each in turn.
                    foreach (var v in variants.Skip(round % variants.Length).Concat(variants.Take(round % variants.Length)))
                    {
                        await RunAsync(v.Client, concurrency, requests, new Random(round), r => path(r, v.Clips), measured[v.Name], cancel.Token).ConfigureAwait(false);
                    }
                }
                Console.WriteLine();
                Console.WriteLine(route);
                Console.WriteLine(Latencies.Header);
                foreach (var latencies in measured.Values)
                {
                    Console.WriteLine(latencies);
                }
                var basis = measured[variants[0].Name].Percentile(95);
                foreach (var v in variants.Skip(1))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"p95 ratio {v.Name} ÷ baseline: {measured[v.Name].Percentile(95) / basis:0.00} (aim ≤ 1.1); p50 ratio {measured[v.Name].Percentile(50) / measured[variants[0].Name].Percentile(50):0.00}"));
                }
            }
        }
        return 0;
    }

    private static HttpClient Client(Uri baseUri, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        return client;
    }

    private static async Task RunAsync(HttpClient client, int concurrency, int requests, Random random, Func<Random, string> path, Latencies into, CancellationToken cancellationToken)
    {
        var paths = Enumerable.Range(0, requests).Select(_ => path(random)).ToList();
        var times = new ConcurrentBag<double>();
        var errors = 0;
        var elapsed = Stopwatch.StartNew();
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (p, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri(p, UriKind.Relative), HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                Interlocked.Increment(ref errors);
            }
        }).ConfigureAwait(false);
        into.Add(times, errors, elapsed.Elapsed);
    }
}
