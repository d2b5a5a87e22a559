using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Bench.Harness;
using Mam.Bench.Pipeline.Cards;

namespace Mam.Bench.Pipeline.Runs;

/// <param name="WorkerCpuSeconds">CPU the worker processes and their tools used during the run.</param>
public sealed record RunResult(int Workers, double OffloadSeconds, double WallSeconds, double CatalogSeconds, int Ready, int Failed, CatalogTimes Times, string Load, double WorkerCpuSeconds);

/// <summary>One distributed MAM on fresh state (database, virtual host, bucket, search file):
/// Mam.Api without embedded workers, <c>workers</c> Mam.Workers processes, the card offloaded and
/// registered by the real agent, timed from registration until every asset has settled.</summary>
public sealed class PipelineRun(RepoPaths repo, TestServerEnvironment servers, TextWriter log)
{
    private const string Project = "PipelineBench";

    public async Task<RunResult> RunAsync(BenchCard card, int workers, string folder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var database = await servers.CreateDatabaseAsync("bench", cancellationToken).ConfigureAwait(false);
        var vhost = await servers.CreateVirtualHostAsync("bench", cancellationToken).ConfigureAwait(false);
        var settings = servers.DistributedSettings(folder, database, vhost);
        var processes = new List<ChildProcess>();
        MamApiProcess? api = null;
        try
        {
            api = await MamApiProcess.StartAsync(repo, settings, settings["Mam:DataDirectory"], cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"  [{workers} worker(s)] Mam.Api pid {api.ProcessId} on {api.BaseUri}").ConfigureAwait(false);
            for (var i = 0; i < workers; i++)
            {
                var worker = new ChildProcess($"Mam.Workers #{i + 1}", [repo.WorkersDll],
                    new Dictionary<string, string>(settings, StringComparer.Ordinal)
                    {
                        ["Logging:LogLevel:Default"] = "Warning",
                        // "Bus started" tells us the worker's queues are bound before the card is registered.
                        ["Logging:LogLevel:MassTransit"] = "Information",
                    }, Path.GetDirectoryName(repo.WorkersDll)!);
                processes.Add(worker);
            }
            await WaitForWorkersAsync(processes, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"  [{workers} worker(s)] workers up: pids {string.Join(", ", processes.Select(p => p.Id))}").ConfigureAwait(false);

            await using var load = await LoadSampler.StartAsync(cancellationToken).ConfigureAwait(false);
            var cpuBefore = processes.Sum(p => p.CpuSeconds() ?? 0);
            var offload = Stopwatch.StartNew();
            await AgentOffload.RunAsync(repo, api, card.Folder, Path.Combine(folder, "raid"), Project, cancellationToken).ConfigureAwait(false);
            offload.Stop();

            using var http = api.CreateClient(TimeSpan.FromSeconds(30));
            var (settledAt, ready, failed) = await WaitUntilSettledAsync(http, card.Clips, timeout, processes, cancellationToken).ConfigureAwait(false);
            var loadSeen = await load.StopAsync(cancellationToken).ConfigureAwait(false);
            var workerCpu = processes.Sum(p => p.CpuSeconds() ?? 0) - cpuBefore;

            var times = await CatalogTimes.ReadAsync(database, cancellationToken).ConfigureAwait(false);
            var wall = (settledAt - times.RegisteredAt).TotalSeconds;
            var catalog = ((times.LastFinishedAt ?? settledAt) - times.RegisteredAt).TotalSeconds;
            return new RunResult(workers, offload.Elapsed.TotalSeconds, wall, catalog, ready, failed, times, loadSeen, workerCpu);
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
            api?.Dispose();
            await servers.DropDatabaseAsync(database, CancellationToken.None).ConfigureAwait(false);
            await servers.DeleteVirtualHostAsync(vhost, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task WaitForWorkersAsync(List<ChildProcess> workers, CancellationToken cancellationToken)
    {
        var started = Task.WhenAll(workers.Select(w => w.WhenPrintedAsync("Bus started")));
        var deadline = Task.Delay(TimeSpan.FromMinutes(3), cancellationToken);
        while (!started.IsCompleted)
        {
            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited with {dead.ExitCode} while starting:\n{dead.Tail}");
            }
            if (await Task.WhenAny(started, deadline, Task.Delay(500, cancellationToken)).ConfigureAwait(false) == deadline)
            {
                throw new TimeoutException($"The workers did not connect to RabbitMQ within 3 minutes:\n{string.Join("\n---\n", workers.Select(w => w.Tail))}");
            }
        }
    }

    private static async Task<(DateTime SettledAt, int Ready, int Failed)> WaitUntilSettledAsync(
        HttpClient http, int clips, TimeSpan timeout, List<ChildProcess> workers, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var states = new List<string>();
        while (deadline.Elapsed < timeout)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/assets?project={Project}&take=500", cancellationToken).ConfigureAwait(false);
            states = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("state").GetString() ?? "").ToList();
            if (states.Count == clips && states.All(s => s != "processing"))
            {
                return (DateTime.UtcNow, states.Count(s => s == "ready"), states.Count(s => s == "failed"));
            }
            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited with {dead.ExitCode} mid-run:\n{dead.Tail}");
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"Not settled after {timeout}: {string.Join(", ", states)}\n--- worker output ---\n{string.Join("\n---\n", workers.Select(w => w.Tail))}");
    }
}
