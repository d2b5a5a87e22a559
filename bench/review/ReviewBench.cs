using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mam.Bench.Catalog.Cards;
using Mam.Bench.Harness;

namespace Mam.Bench.Review;

/// <summary>Live review on one API process (Workers:Embedded false): (1) a comment posted → seen in
/// another open page's Server-Sent Events stream, p50/p95 on loopback, against the named baseline of a
/// plain HTTP round trip to the same API (GET the clip's comments); (2) 200 concurrent SSE clients, the
/// API process's memory and CPU while a comment reaches all of them; (3) 1,000 comments exported to
/// each marker format, against the same comments as JSON. Prints numbers; asserts nothing.</summary>
public static class ReviewBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/review -- [--comments 200] [--clients 200] [--export-comments 1000] [--api-build Release|Debug] [--work DIR]
          needs `dotnet build Mam.sln -c Release` (or -c Debug with --api-build Debug)
        """;

    private const string Project = "Review Bench";

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Flags flags;
        int comments, clients, exported;
        try
        {
            flags = Flags.Parse(args, ["comments", "clients", "export-comments", "api-build", "work"]);
            comments = flags.WholeNumber("comments", 200, 10, 100_000);
            clients = flags.WholeNumber("clients", 200, 1, 5_000);
            exported = flags.WholeNumber("export-comments", 1000, 10, 100_000);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        var build = flags.Text("api-build") ?? "Release";
        var repo = RepoPaths.Find();
        var apiDirectory = Path.Combine(repo.Root, "Mam.Api", "bin", build, "net10.0");
        var apiDll = Path.Combine(apiDirectory, "Mam.Api.dll");
        RepoPaths.RequireBuilt(apiDll);
        var work = flags.WorkFolder("review");
        await MachineFacts.PrintHeaderAsync(Console.Out, "review: live comments over SSE, many SSE clients, marker exports",
            [("comments timed", comments.ToString(CultureInfo.InvariantCulture)), ("SSE clients", clients.ToString(CultureInfo.InvariantCulture)),
             ("comments exported", exported.ToString(CultureInfo.InvariantCulture)), ("API build", build)], cancel.Token).ConfigureAwait(false);

        using var api = await MamApiProcess.StartAsync(apiDll, apiDirectory, new Dictionary<string, string>(), Path.Combine(work, "api"), embeddedWorkers: false, "admin-token", cancel.Token).ConfigureAwait(false);
        using var http = api.CreateClient();
        var cards = new TinyCards(http, r => r.Headers.Authorization = http.DefaultRequestHeaders.Authorization, Project);
        var registered = await cards.RegisterAsync(2, 1, 1, 1, _ => { }, cancel.Token).ConfigureAwait(false);
        var (live, export) = (registered.AssetIds[0], registered.AssetIds[1]);

        await LatencyAsync(api, http, live, comments, cancel.Token).ConfigureAwait(false);
        await ManyClientsAsync(api, http, live, clients, cancel.Token).ConfigureAwait(false);
        await ExportsAsync(http, export, exported, cancel.Token).ConfigureAwait(false);
        return 0;
    }

    /// <summary>One page follows the project's events; another posts a comment; the clock runs from the
    /// POST until the stream shows it. The baseline: a GET of the clip's comments, same client, same API.</summary>
    private static async Task LatencyAsync(MamApiProcess api, HttpClient http, Guid clip, int count, CancellationToken cancellationToken)
    {
        using var follower = api.CreateClient(Timeout.InfiniteTimeSpan);
        await using var stream = await EventStream.OpenAsync(follower, cancellationToken).ConfigureAwait(false);
        var live = new List<double>();
        var plain = new List<double>();
        for (var i = 0; i < count + 5; i++)
        {
            var marker = $"bench-{Guid.NewGuid():N}";
            var clock = Stopwatch.StartNew();
            using (var posted = await http.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = marker, frame = i % 100 }, cancellationToken).ConfigureAwait(false))
            {
                posted.EnsureSuccessStatusCode();
            }
            await stream.UntilAsync(marker, cancellationToken).ConfigureAwait(false);
            var seen = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            using (var got = await http.GetAsync($"/api/assets/{clip}/comments?take=1", cancellationToken).ConfigureAwait(false))
            {
                got.EnsureSuccessStatusCode();
                await got.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            var roundTrip = clock.Elapsed.TotalMilliseconds;
            if (i >= 5)
            {
                // The first five warm up the JIT and the connection pool.
                live.Add(seen);
                plain.Add(roundTrip);
            }
        }
        Console.WriteLine();
        Console.WriteLine("comment posted → seen in another page's SSE stream (ms)");
        Row("ours: POST comment → SSE event", live);
        Row("baseline: GET comments round trip", plain);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio p95: {P(live, 0.95) / P(plain, 0.95):0.00}×  (aim: p95 ≤ 250 ms)"));
    }

    /// <summary>N pages follow the project at once; one comment goes to all of them.</summary>
    private static async Task ManyClientsAsync(MamApiProcess api, HttpClient http, Guid clip, int count, CancellationToken cancellationToken)
    {
        var before = ApiMemory(api.ProcessId);
        // Baseline: the same process, idle for the same 10 s with no stream open (its job server,
        // bus and timers run either way).
        var cpuQuiet = api.CpuSeconds() ?? 0;
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var cpuBefore = api.CpuSeconds() ?? 0;
        var followers = new List<(HttpClient Client, EventStream Stream)>();
        try
        {
            var opening = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var client = api.CreateClient(Timeout.InfiniteTimeSpan);
                followers.Add((client, await EventStream.OpenAsync(client, cancellationToken).ConfigureAwait(false)));
            }
            var opened = opening.Elapsed;
            var cpuOpened = api.CpuSeconds() ?? 0;
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var idle = ApiMemory(api.ProcessId);
            var cpuIdle = api.CpuSeconds() ?? 0;
            var marker = $"all-{Guid.NewGuid():N}";
            var clock = Stopwatch.StartNew();
            (await http.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = marker, frame = 1 }, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
            var arrivals = await Task.WhenAll(followers.Select(async f =>
            {
                await f.Stream.UntilAsync(marker, cancellationToken).ConfigureAwait(false);
                return clock.Elapsed.TotalMilliseconds;
            })).ConfigureAwait(false);
            var cpuAfter = api.CpuSeconds() ?? 0;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} concurrent SSE clients on one API process"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  opened in {opened.TotalSeconds:0.0} s; API RSS {before / 1048576.0:0} MiB before → {idle / 1048576.0:0} MiB with them open ({(idle - before) / 1024.0 / count:0} KiB a client)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  API CPU opening them (sign-in and first read each): {cpuOpened - cpuBefore:0.00} s; one comment to all: {cpuAfter - cpuIdle:0.00} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  API CPU over 10 s idle: ours, {count} streams open: {cpuIdle - cpuOpened:0.00} s; baseline, none open: {cpuBefore - cpuQuiet:0.00} s"));
            Row("one comment → all streams (ms)", arrivals.ToList());
        }
        finally
        {
            foreach (var (client, stream) in followers)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                client.Dispose();
            }
        }
    }

    private static async Task ExportsAsync(HttpClient http, Guid clip, int count, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var posted = await http.PostAsJsonAsync($"/api/assets/{clip}/comments",
                new { text = $"note {i}: <b>grade</b> & \"sound\" | check", frame = i, outFrame = i + 10 }, ct).ConfigureAwait(false);
            posted.EnsureSuccessStatusCode();
        }).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export of {count} comments (median of 5, ms; ratio to the same comments as JSON)"));
        var json = await TimeAsync(http, $"/api/assets/{clip}/comments?take=10000", cancellationToken).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"baseline: JSON list",-28} {json,8:0.0}"));
        foreach (var format in new[] { "csv", "edl", "txt", "fcpxml", "otio" })
        {
            var ms = await TimeAsync(http, $"/api/assets/{clip}/comments.{format}", cancellationToken).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"ours: comments." + format,-28} {ms,8:0.0}   {ms / json:0.00}×"));
        }
    }

    private static async Task<double> TimeAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }
            await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return P(times, 0.5);
    }

    private static void Row(string name, List<double> values) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-36} p50 {P(values, 0.5),8:0.0}   p95 {P(values, 0.95),8:0.0}   n={values.Count}"));

    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Resident memory of the API process (VmRSS), in bytes.</summary>
    private static long ApiMemory(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    /// <summary>A page following the project's events (Accept: text/event-stream).</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventStream(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

        public static async Task<EventStream> OpenAsync(HttpClient client, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/projects/{Uri.EscapeDataString(Project)}/events");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false)));
        }

        public async Task UntilAsync(string marker, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (await _reader.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(marker, StringComparison.Ordinal))
                {
                    return;
                }
            }
            throw new InvalidOperationException("the event stream ended");
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
