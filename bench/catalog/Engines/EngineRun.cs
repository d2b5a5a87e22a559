using System.Globalization;
using Mam.Bench.Catalog.Cards;
using Mam.Bench.Catalog.Load;
using Mam.Bench.Harness;

namespace Mam.Bench.Catalog.Engines;

public sealed record CatalogBenchSettings(int Assets, int ClipsPerCard, int UploadConcurrency, int RegisterConcurrency, int Concurrency, TimeSpan SecondsPerEndpoint, int MaxRequestsPerEndpoint, int Rounds);

public sealed record EngineResult(string Engine, RegistrationTimes Registration, string RegistrationLoad, Latencies Asset, Latencies Health, string LatencyLoad)
{
    public double AssetsPerSecond => Registration.AssetIds.Count / Registration.Registering.TotalSeconds;
    public double UploadsPerSecond => Registration.Files / Registration.Uploading.TotalSeconds;
    public double P95Ratio => Asset.Percentile(95) / Health.Percentile(95);
}

/// <summary>One catalog engine behind a fresh Mam.Api process: register the assets, then measure
/// GET /api/assets/{id} against GET /health/live on the same server at the same concurrency.</summary>
public sealed class EngineRun(RepoPaths repo, TestServerEnvironment servers, TextWriter log)
{
    private const string Project = "CatalogBench";

    public async Task<EngineResult> RunAsync(string engine, CatalogBenchSettings settings, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Nothing consumes the AssetRegistered messages: no embedded workers, in-memory bus.
            ["Messaging:Transport"] = "InMemory",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        string? database = null;
        if (engine == "PostgreSQL")
        {
            database = await servers.CreateDatabaseAsync("benchcat", cancellationToken).ConfigureAwait(false);
            configuration["Catalog:Provider"] = "Postgres";
            configuration["Catalog:ConnectionString"] = database;
        }
        try
        {
            using var api = await MamApiProcess.StartAsync(repo, configuration, Path.Combine(folder, "data"), cancellationToken).ConfigureAwait(false);
            await Say($"[{engine}] Mam.Api pid {api.ProcessId} on {api.BaseUri}; registering {settings.Assets} assets").ConfigureAwait(false);

            using var load = new LoadGenerator(api.BaseUri, Math.Max(settings.Concurrency, settings.UploadConcurrency), api.AdminToken);
            RegistrationTimes registration;
            string registrationLoad;
            await using (var sampler = await LoadSampler.StartAsync(cancellationToken).ConfigureAwait(false))
            {
                var cards = new TinyCards(load.Http, r => r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.AdminToken), Project);
                registration = await cards.RegisterAsync(settings.Assets, settings.ClipsPerCard, settings.UploadConcurrency, settings.RegisterConcurrency,
                    line => log.WriteLine($"  [{engine}] {line}"), cancellationToken).ConfigureAwait(false);
                registrationLoad = await sampler.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            if (registration.AssetIds.Count == 0)
            {
                throw new InvalidOperationException($"[{engine}] no asset was registered:\n{api.Tail}");
            }

            await Say(string.Create(CultureInfo.InvariantCulture, $"[{engine}] registered {registration.AssetIds.Count} assets in {registration.Registering.TotalSeconds:0} s; measuring GET /api/assets/{{id}} and GET /health/live at concurrency {settings.Concurrency}")).ConfigureAwait(false);
            var ids = registration.AssetIds.ToArray();
            Func<HttpClient, CancellationToken, Task<System.Net.HttpStatusCode>> asset =
                (http, ct) => LoadGenerator.GetAsync(http, $"/api/assets/{ids[Random.Shared.Next(ids.Length)]}", ct);
            Func<HttpClient, CancellationToken, Task<System.Net.HttpStatusCode>> health =
                (http, ct) => LoadGenerator.GetAsync(http, "/health/live", ct);

            using var measuring = new LoadGenerator(api.BaseUri, settings.Concurrency, api.AdminToken);
            // Warm-up (JIT, connection pools, caches) is not counted.
            var warmUp = TimeSpan.FromSeconds(3);
            await measuring.RunAsync(asset, int.MaxValue, warmUp, new Latencies("warm-up"), cancellationToken).ConfigureAwait(false);
            await measuring.RunAsync(health, int.MaxValue, warmUp, new Latencies("warm-up"), cancellationToken).ConfigureAwait(false);

            // Alternating rounds, so both endpoints see the same drift in the machine's other load.
            var assetLatencies = new Latencies("GET /api/assets/{id}");
            var healthLatencies = new Latencies("GET /health/live");
            var round = settings.SecondsPerEndpoint / settings.Rounds;
            var perRound = Math.Max(1, settings.MaxRequestsPerEndpoint / settings.Rounds);
            await using var latencySampler = await LoadSampler.StartAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < settings.Rounds; i++)
            {
                await measuring.RunAsync(asset, perRound, round, assetLatencies, cancellationToken).ConfigureAwait(false);
                await measuring.RunAsync(health, perRound, round, healthLatencies, cancellationToken).ConfigureAwait(false);
            }
            var latencyLoad = await latencySampler.StopAsync(cancellationToken).ConfigureAwait(false);
            return new EngineResult(engine, registration, registrationLoad, assetLatencies, healthLatencies, latencyLoad);
        }
        finally
        {
            if (database is not null)
            {
                await servers.DropDatabaseAsync(database, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private Task Say(string line) => log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {line}"));
}
