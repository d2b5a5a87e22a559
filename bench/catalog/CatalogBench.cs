using System.Globalization;
using Mam.Bench.Catalog.Engines;
using Mam.Bench.Catalog.Load;
using Mam.Bench.Harness;

namespace Mam.Bench.Catalog;

/// <summary>Assets registered through the API on PostgreSQL vs SQLite: registrations per second, and
/// the p95 of GET /api/assets/{id} under concurrent load relative to /health/live on the same server.
/// A program that prints numbers; it asserts nothing about them.</summary>
public static class CatalogBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/catalog -- [--assets 100000] [--clips-per-card 1000]
                 [--engines postgres,sqlite] [--concurrency 16] [--upload-concurrency 16] [--register-concurrency 2]
                 [--seconds 20] [--requests 1000000] [--rounds 2] [--work DIR]
          needs `dotnet build Mam.sln -c Release`; PostgreSQL comes from MAM_TEST_POSTGRES (infra/servers/start.sh)
        """;

    private static readonly string[] KnownFlags =
        ["assets", "clips-per-card", "engines", "concurrency", "upload-concurrency", "register-concurrency", "seconds", "requests", "rounds", "work"];

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        CatalogBenchSettings settings;
        string[] engines;
        Flags flags;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            settings = new CatalogBenchSettings(
                flags.WholeNumber("assets", 100_000, 1, 10_000_000),
                flags.WholeNumber("clips-per-card", 1000, 1, 100_000),
                flags.WholeNumber("upload-concurrency", 16, 1, 512),
                flags.WholeNumber("register-concurrency", 2, 1, 64),
                flags.WholeNumber("concurrency", 16, 1, 512),
                TimeSpan.FromSeconds(flags.WholeNumber("seconds", 20, 1, 3600)),
                flags.WholeNumber("requests", 1_000_000, 1, int.MaxValue),
                flags.WholeNumber("rounds", 2, 1, 100));
            engines = (flags.Text("engines") ?? "postgres,sqlite").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(e => e.ToUpperInvariant() switch
                {
                    "POSTGRES" or "POSTGRESQL" => "PostgreSQL",
                    "SQLITE" => "SQLite",
                    _ => throw new FormatException($"--engines takes postgres and/or sqlite, not '{e}'."),
                }).ToArray();
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var work = flags.WorkFolder("catalog");
        try
        {
            return await RunAsync(settings, engines, work, Console.Out, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(CatalogBenchSettings settings, string[] engines, string work, TextWriter output, CancellationToken cancellationToken)
    {
        var repo = RepoPaths.Find();
        RepoPaths.RequireBuilt(repo.ApiDll);
        var servers = TestServerEnvironment.From(repo);
        if (engines.Contains("PostgreSQL"))
        {
            servers.RequirePostgres();
        }

        await MachineFacts.PrintHeaderAsync(output, "Catalog: assets registered through the API, PostgreSQL vs SQLite",
        [
            ("engines", string.Join(", ", engines)),
            ("assets", F($"{settings.Assets} ({(settings.Assets + settings.ClipsPerCard - 1) / settings.ClipsPerCard} cards x up to {settings.ClipsPerCard} tiny *.mov clips)")),
            ("upload / register", F($"{settings.UploadConcurrency} concurrent PUTs, then {settings.RegisterConcurrency} concurrent POST /api/cards")),
            ("latency load", F($"{settings.Concurrency} closed-loop clients, {settings.SecondsPerEndpoint.TotalSeconds:0} s per endpoint in {settings.Rounds} alternating rounds, at most {settings.MaxRequestsPerEndpoint} requests")),
            ("server", "Mam.Api (Release) process, Workers:Embedded=false, Messaging:Transport=InMemory, Storage=FileSystem"),
            ("pipeline", "not run: with no embedded workers the in-memory bus delivers AssetRegistered to no one, so no stage touches the fake media"),
            ("client", "in-process HttpClient on loopback, same 2 cores as the server"),
            ("PostgreSQL", engines.Contains("PostgreSQL") ? "MAM_TEST_POSTGRES server, fresh database (fsync off, as infra/servers runs it)" : "-"),
            ("SQLite", engines.Contains("SQLite") ? "embedded default: {DataDirectory}/catalog.db" : "-"),
        ], cancellationToken).ConfigureAwait(false);

        var results = new List<EngineResult>();
        foreach (var engine in engines)
        {
            var run = new EngineRun(repo, servers, output);
            var result = await run.RunAsync(engine, settings, Path.Combine(work, engine.ToLowerInvariant()), cancellationToken).ConfigureAwait(false);
            results.Add(result);
            await PrintEngineAsync(output, result, settings, cancellationToken).ConfigureAwait(false);
        }
        await PrintSummaryAsync(output, results, settings, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task PrintEngineAsync(TextWriter output, EngineResult r, CatalogBenchSettings settings, CancellationToken cancellationToken)
    {
        var reg = r.Registration;
        string[] lines =
        [
            F($"  [{r.Engine}] uploads: {reg.Files} files in {reg.Uploading.TotalSeconds:0.0} s = {r.UploadsPerSecond:0} files/s ({reg.UploadErrors} errors)"),
            F($"  [{r.Engine}] registration: {reg.AssetIds.Count} assets in {reg.Cards} cards in {reg.Registering.TotalSeconds:0.0} s = {r.AssetsPerSecond:0} assets/s, slowest card {reg.MaxCardSeconds:0.00} s ({reg.RegisterErrors} errors)"),
            F($"  [{r.Engine}] machine while registering: {r.RegistrationLoad}"),
            F($"  [{r.Engine}] latency at concurrency {settings.Concurrency}, machine: {r.LatencyLoad}"),
            "    " + Latencies.Header,
            "    " + r.Asset,
            "    " + r.Health,
            F($"    p95(asset) / p95(health) = {r.P95Ratio:0.0}"),
            "",
        ];
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PrintSummaryAsync(TextWriter output, List<EngineResult> results, CatalogBenchSettings settings, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            F($"Summary ({settings.Assets} assets requested, concurrency {settings.Concurrency}):"),
            F($"{"engine",-11} {"assets",7} {"uploads/s",10} {"assets/s",9} {"asset p50",10} {"p95",7} {"p99",7} {"health p50",11} {"p95",7} {"p99",7} {"p95 ratio",10}"),
        };
        lines.AddRange(results.Select(r => F(
            $"{r.Engine,-11} {r.Registration.AssetIds.Count,7} {r.UploadsPerSecond,10:0} {r.AssetsPerSecond,9:0} {r.Asset.Percentile(50),10:0.00} {r.Asset.Percentile(95),7:0.00} {r.Asset.Percentile(99),7:0.00} {r.Health.Percentile(50),11:0.00} {r.Health.Percentile(95),7:0.00} {r.Health.Percentile(99),7:0.00} {r.P95Ratio,10:0.0}")));
        lines.Add("latencies in ms; assets/s counts POST /api/cards time only (uploads are timed separately); p95 ratio = p95(GET /api/assets/{id}) / p95(GET /health/live).");
        if (results.Count == 2)
        {
            lines.Add(F($"{results[0].Engine} / {results[1].Engine}: registration {results[0].AssetsPerSecond / results[1].AssetsPerSecond:0.00}x, asset p95 {results[0].Asset.Percentile(95) / results[1].Asset.Percentile(95):0.00}x"));
        }
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
