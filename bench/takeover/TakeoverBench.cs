using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Harness;
using Mam.Bench.Pipeline.Cards;
using Npgsql;

namespace Mam.Bench.Takeover;

/// <summary>Time from a worker's death (SIGKILL mid-proxy) to its stage running again in another worker, on the
/// distributed deployment (PostgreSQL, RabbitMQ, Ceph RGW, two Mam.Workers processes) with the default lease
/// settings, against the deadline-based takeover it replaces (Pipeline:StageDeadline plus the wait for the next
/// reconcile), which is computed: running it would take two hours.</summary>
public static class TakeoverBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/takeover -- [--repeat 1] [--clip-seconds 120] [--work DIR]
          needs `dotnet build Mam.sln -c Release` and the servers of infra/servers/start.sh (MAM_TEST_* variables)
        """;

    // The defaults of Pipeline:LeaseDuration, Pipeline:ReconcileInterval and Pipeline:StageDeadline (README).
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Reconcile = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Deadline = TimeSpan.FromHours(2);

    public static async Task<int> Main(string[] args)
    {
        Flags flags;
        try
        {
            flags = Flags.Parse(args, ["repeat", "clip-seconds", "work"]);
            _ = flags.WholeNumber("repeat", 1, 1, 20);
            _ = flags.Number("clip-seconds", 120, 30, 1200);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        try
        {
            return await RunAsync(flags, Console.Out, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
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
        var repeat = flags.WholeNumber("repeat", 1, 1, 20);
        var clipSeconds = flags.Number("clip-seconds", 120, 30, 1200);
        var work = flags.WorkFolder("takeover");
        await MachineFacts.PrintHeaderAsync(output, "bench/takeover: a worker killed mid-proxy, until its stage runs again elsewhere",
            [("lease", $"{Lease.TotalSeconds} s"), ("reconcile", $"{Reconcile.TotalSeconds} s"), ("deadline", $"{Deadline.TotalHours} h"),
             ("clip", $"{clipSeconds} s"), ("repeat", repeat.ToString(CultureInfo.InvariantCulture))], cancellationToken).ConfigureAwait(false);

        var card = await BenchCard.PrepareAsync(null, 1, clipSeconds, repo, Path.Combine(work, "card"), cancellationToken).ConfigureAwait(false);
        var takeovers = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var seconds = await OnceAsync(repo, servers, card, Path.Combine(work, $"run{i}"), output, cancellationToken).ConfigureAwait(false);
            takeovers.Add(seconds);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  run {i + 1}: stage running again {seconds:0.0} s after the kill")).ConfigureAwait(false);
        }

        var ours = takeovers.Order().ElementAt(takeovers.Count / 2);
        // Without leases a stage was taken over by the first reconcile after StageDeadline; on average half an interval later.
        var baseline = (Deadline + Reconcile / 2).TotalSeconds;
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("| takeover | seconds |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| leases (LeaseDuration {Lease.TotalSeconds} s + ReconcileInterval {Reconcile.TotalSeconds} s), median of {takeovers.Count} | {ours:0.0} |")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| bound: LeaseDuration + ReconcileInterval | {(Lease + Reconcile).TotalSeconds:0.0} |")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| baseline: deadline-based (StageDeadline + half a reconcile, computed) | {baseline:0.0} |")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ratio baseline / leases: {baseline / ours:0}x")).ConfigureAwait(false);
        if (flags.Text("work") is null)
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }

    private static async Task<double> OnceAsync(RepoPaths repo, TestServerEnvironment servers, BenchCard card, string folder, TextWriter log, CancellationToken cancellationToken)
    {
        var database = await servers.CreateDatabaseAsync("takeover", cancellationToken).ConfigureAwait(false);
        var vhost = await servers.CreateVirtualHostAsync("takeover", cancellationToken).ConfigureAwait(false);
        var settings = servers.DistributedSettings(folder, database, vhost);
        settings["Analysis:Vision:Enabled"] = "false";
        var workers = new List<ChildProcess>();
        MamApiProcess? api = null;
        try
        {
            api = await MamApiProcess.StartAsync(repo, settings, settings["Mam:DataDirectory"], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < 2; i++)
            {
                workers.Add(new ChildProcess($"Mam.Workers #{i + 1}", [repo.WorkersDll],
                    new Dictionary<string, string>(settings, StringComparer.Ordinal) { ["Logging:LogLevel:MassTransit"] = "Information" },
                    Path.GetDirectoryName(repo.WorkersDll)!));
            }
            await Task.WhenAll(workers.Select(w => w.WhenPrintedAsync("Bus started"))).WaitAsync(TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
            await AgentOffload.RunAsync(repo, api, card.Folder, Path.Combine(folder, "raid"), "Takeover", cancellationToken).ConfigureAwait(false);

            var holder = await WaitForProxyAsync(database, attempts: 1, cancellationToken).ConfigureAwait(false);
            var doomed = workers.Single(w => holder.Contains(string.Create(CultureInfo.InvariantCulture, $":{w.Id}:"), StringComparison.Ordinal));
            using (var kill = Process.Start("kill", ["-KILL", doomed.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            var killedAt = Stopwatch.StartNew();
            await log.WriteLineAsync($"  killed {doomed.Name} (pid {doomed.Id}) while it held the proxy stage").ConfigureAwait(false);
            var taker = await WaitForProxyAsync(database, attempts: 2, cancellationToken).ConfigureAwait(false);
            var seconds = killedAt.Elapsed.TotalSeconds;
            await log.WriteLineAsync($"  taken over by {taker}").ConfigureAwait(false);
            return seconds;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
            api?.Dispose();
            NpgsqlConnection.ClearAllPools();
            await servers.DropDatabaseAsync(database, CancellationToken.None).ConfigureAwait(false);
            await servers.DeleteVirtualHostAsync(vhost, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Polls the proxy stage row until it runs with <paramref name="attempts"/> attempts; returns its lease holder.</summary>
    private static async Task<string> WaitForProxyAsync(string database, int attempts, CancellationToken cancellationToken)
    {
        var until = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        while (until.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var command = new NpgsqlCommand(
                "SELECT \"LeaseHolder\" FROM \"PipelineStages\" WHERE \"Stage\" = 'Proxy' AND \"Status\" = 'Running' AND \"Attempts\" = @attempts", connection);
            command.Parameters.AddWithValue("attempts", attempts);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string holder)
            {
                return holder;
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"The proxy stage was not running with {attempts} attempt(s) within 10 minutes.");
    }
}
