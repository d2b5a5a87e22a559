using System.Globalization;
using Mam.Bench.Harness;
using Mam.Bench.Pipeline.Cards;
using Mam.Bench.Pipeline.Runs;

namespace Mam.Bench.Pipeline;

/// <summary>Pipeline throughput with 1 vs 2 Mam.Workers processes on the same card, on the
/// distributed deployment (PostgreSQL, RabbitMQ, Ceph RGW). A program that prints numbers; it
/// asserts nothing about them.</summary>
public static class PipelineBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/pipeline -- [--workers 1,2] [--clips 6] [--clip-seconds 10]
                 [--card sample|DIR] [--repeat 1] [--timeout-minutes 20] [--work DIR] [--keep-work false]
          needs `dotnet build Mam.sln -c Release` and the servers of infra/servers/start.sh (MAM_TEST_* variables)
        """;

    private static readonly string[] KnownFlags = ["workers", "clips", "clip-seconds", "card", "timeout-minutes", "work", "keep-work", "repeat"];

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var output = Console.Out;
        Flags flags;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            _ = flags.WholeNumbers("workers", [1], 1, 8);
            _ = flags.WholeNumber("clips", 6, 1, 200);
            _ = flags.Number("clip-seconds", 10, 3, 600);
            _ = flags.WholeNumber("timeout-minutes", 20, 1, 24 * 60);
            _ = flags.WholeNumber("repeat", 1, 1, 20);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await RunAsync(flags, output, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> RunAsync(Flags flags, TextWriter output, CancellationToken cancellationToken)
    {
        var repo = RepoPaths.Find();
        RepoPaths.RequireBuilt(repo.ApiDll, repo.WorkersDll, repo.AgentDll);
        var servers = TestServerEnvironment.From(repo);
        servers.RequireAll();

        var workerCounts = flags.WholeNumbers("workers", [1, 2], 1, 8);
        var repeat = flags.WholeNumber("repeat", 1, 1, 20);
        var timeout = TimeSpan.FromMinutes(flags.WholeNumber("timeout-minutes", 20, 1, 24 * 60));
        var work = flags.WorkFolder("pipeline");
        var keep = string.Equals(flags.Text("keep-work"), "true", StringComparison.OrdinalIgnoreCase);
        Directory.CreateDirectory(work);
        try
        {
            await output.WriteLineAsync("Preparing the card…").ConfigureAwait(false);
            var card = await BenchCard.PrepareAsync(flags.Text("card"), flags.WholeNumber("clips", 6, 1, 200), flags.Number("clip-seconds", 10, 3, 600),
                repo, work, cancellationToken).ConfigureAwait(false);

            await MachineFacts.PrintHeaderAsync(output, "Pipeline throughput: 1 vs 2 Mam.Workers processes on the same card",
            [
                ("card", $"{card.Description} -> {card.Clips} assets"),
                ("worker processes per run", string.Join(", ", workerCounts) + (repeat > 1 ? F($", alternating, {repeat} times") : "")),
                ("deployment", "Mam.Api (Release, Workers:Embedded=false) + N Mam.Workers processes"),
                ("catalog / bus / store", "PostgreSQL / RabbitMQ / Ceph RGW (S3), fresh database, vhost, bucket per run"),
                ("Pipeline:MediaConcurrency", "1 per process (default): one proxy + one transcription at a time"),
                ("clock", "registration (Cards.RegisteredAt) -> every asset settled (GET /api/assets polled every 250 ms)"),
                ("work folder", work),
            ], cancellationToken).ConfigureAwait(false);

            var results = new List<RunResult>();
            // Alternating (1, 2, 1, 2…) so both counts see the same drift in the machine's other load.
            foreach (var workers in Enumerable.Range(0, repeat).SelectMany(_ => workerCounts))
            {
                var run = new PipelineRun(repo, servers, output);
                var result = await run.RunAsync(card, workers, Path.Combine(work, $"run-{workers}"), timeout, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                await PrintRunAsync(output, result, cancellationToken).ConfigureAwait(false);
            }
            await PrintSummaryAsync(output, card, results, cancellationToken).ConfigureAwait(false);
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

    private static async Task PrintRunAsync(TextWriter output, RunResult run, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            F($"  [{run.Workers} worker(s)] offload+upload+register {run.OffloadSeconds:0.0} s; settled {run.WallSeconds:0.0} s after registration; {run.Ready} ready, {run.Failed} failed"),
            F($"  [{run.Workers} worker(s)] machine during the run: {run.Load}"),
            F($"    {"stage",-11} {"done",5} {"skipped",8} {"failed",7} {"mean s",8} {"max s",8} {"total s",8}"),
        };
        lines.AddRange(run.Times.Stages.Select(s =>
            F($"    {s.Stage.ToLowerInvariant(),-11} {s.Done,5} {s.Skipped,8} {s.Failed,7} {s.MeanSeconds,8:0.00} {s.MaxSeconds,8:0.00} {s.TotalSeconds,8:0.0}")));
        lines.Add(F($"    stage-seconds / wall-seconds = {run.Times.BusySeconds / run.CatalogSeconds:0.00} (stages running at once, on average)"));
        lines.Add(F($"    worker CPU (processes + ffmpeg/pocketsphinx) {run.WorkerCpuSeconds:0.0} s = {run.WorkerCpuSeconds / run.WallSeconds:0.00} cores of {Environment.ProcessorCount} over the wall time"));
        lines.Add("");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PrintSummaryAsync(TextWriter output, BenchCard card, List<RunResult> results, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            F($"{"workers",7} {"wall s",8} {"catalog s",10} {"clips/min",10} {"cpu s",7} {"cores used",11}  load during run"),
        };
        lines.AddRange(results.Select(r =>
            F($"{r.Workers,7} {r.WallSeconds,8:0.0} {r.CatalogSeconds,10:0.0} {card.Clips / r.WallSeconds * 60,10:0.00} {r.WorkerCpuSeconds,7:0.0} {r.WorkerCpuSeconds / r.WallSeconds,11:0.00}  {r.Load}")));
        lines.Add("");

        // Medians per worker count, so one run disturbed by the machine's other work does not decide.
        var medians = results.GroupBy(r => r.Workers).OrderBy(g => g.Key)
            .Select(g => (Workers: g.Key, Runs: g.Count(), Wall: Median(g.Select(r => r.WallSeconds)))).ToList();
        var baseline = medians.FirstOrDefault(m => m.Workers == 1) is { Runs: > 0 } one ? one : medians[0];
        lines.Add(F($"{"workers",7} {"runs",5} {"median wall s",14} {"clips/min",10} {"speed-up vs " + baseline.Workers.ToString(CultureInfo.InvariantCulture),14}"));
        lines.AddRange(medians.Select(m =>
            F($"{m.Workers,7} {m.Runs,5} {m.Wall,14:0.0} {card.Clips / m.Wall * 60,10:0.00} {baseline.Wall / m.Wall,13:0.00}x")));
        lines.Add("");
        lines.Add("wall s: registration -> all assets settled as seen by polling the API; catalog s: registration -> last FinishedAt in PipelineStages.");
        lines.Add("cpu s: CPU used by the worker processes and the tools they ran; cores used = cpu s / wall s (the rest went to the API, servers and other work).");
        lines.Add("Note: Pipeline:MediaConcurrency=1 per process means a single worker already runs a proxy (ffmpeg/libx264, itself");
        lines.Add(F($"multi-threaded) and a transcription (pocketsphinx) side by side; on {Environment.ProcessorCount} cores shared with other work, a second"));
        lines.Add("worker process can add little more than the idle CPU left over, so the 2-vs-1 gain is bounded by the cores, not the design.");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
