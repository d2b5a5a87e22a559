using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Tests.Api;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mam.Workers.Pipeline.Registry;

namespace Mam.Tests.Workers.Jobs;

/// <summary>The job store unreachable while the catalog is fine (Jobs:ConnectionString points the
/// store at a database of its own, which the test makes refuse connections): at start and mid-run
/// the API serves reads and /health/ready names the job store; when it is back, the reconciler runs
/// again and dispatches work whose message was lost.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class JobStoreOutageTests
{
    [Test]
    public async Task Start_WhileTheJobStoreIsUnreachable_ServesReadsAndSaysSo_AndRunsJobsOnceItAnswers()
    {
        TestServers.Require();
        var jobs = await TestServers.CreateDatabaseAsync();
        await TestServers.AcceptConnectionsAsync(jobs, accept: false);
        await using var api = new MamApiFactory(settings: await SettingsAsync(jobs));
        using var client = api.CreateReader();

        (await client.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (status, description) = await JobsHealthAsync(client);
        status.ShouldBe("Degraded");
        description.ShouldContain($"The job store (PostgreSQL schema \"hangfire\" in database \"{Database(jobs)}\"");
        description.ShouldContain("is unavailable");
        var dashboard = await client.GetAsync("/jobs");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await dashboard.Content.ReadAsStringAsync()).ShouldContain("urn:mam:problem:job-store-unavailable");
        var lost = await CatalogSeed.AddAssetWithPendingStagesAsync(Catalog(api));

        await TestServers.AcceptConnectionsAsync(jobs, accept: true);

        await WaitUntilDispatchedAsync(api, lost);
        (await JobsHealthAsync(client)).Status.ShouldBe("Healthy");
        JobsDashboardTests.RecurringJobIds(api).ShouldContain(Mam.Workers.Pipeline.PipelineReconcilerJob.Id);
    }

    [Test]
    public async Task JobStore_LostMidRun_ServesReadsAndSaysSo_AndTheReconcilerRunsAgainWhenItIsBack()
    {
        TestServers.Require();
        var jobs = await TestServers.CreateDatabaseAsync();
        await using var api = new MamApiFactory(settings: await SettingsAsync(jobs));
        using var client = api.CreateReader();
        await JobsDashboardTests.WaitForRecurringJobAsync(api);
        (await JobsHealthAsync(client)).Status.ShouldBe("Healthy");

        await TestServers.AcceptConnectionsAsync(jobs, accept: false);

        (await client.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (status, description) = await JobsHealthAsync(client);
        status.ShouldBe("Degraded");
        description.ShouldContain("Background jobs (the pipeline reconciler) wait until it answers again");
        var lost = await CatalogSeed.AddAssetWithPendingStagesAsync(Catalog(api));

        await TestServers.AcceptConnectionsAsync(jobs, accept: true);

        await WaitUntilDispatchedAsync(api, lost);
        (await JobsHealthAsync(client)).Status.ShouldBe("Healthy");
    }

    [Test]
    public async Task Start_WithTheJobStoreOnAPortNothingListensOn_StillStartsAndNamesTheStoreInReady()
    {
        TestServers.Require();
        var nowhere = new Npgsql.NpgsqlConnectionStringBuilder(TestServers.Postgres) { Port = 9, Database = "jobs", Timeout = 3 }.ConnectionString;
        await using var api = new MamApiFactory(settings: await SettingsAsync(nowhere));
        using var client = api.CreateReader();

        (await client.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (status, description) = await JobsHealthAsync(client);
        status.ShouldBe("Degraded");
        description.ShouldContain("The job store (PostgreSQL schema \"hangfire\" in database \"jobs\" on 127.0.0.1:9) is unavailable");
    }

    [Test]
    public async Task Ready_WhenTheJobStoreTakesConnectionsButNeverAnswers_SaysDegradedRatherThanWaiting()
    {
        TestServers.Require();
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        var accepting = AcceptAndNeverAnswerAsync(silent, held);
        // Timeout=0: Npgsql waits for the server for ever, so only the health check's own timeout ends the wait.
        var blackHole = new Npgsql.NpgsqlConnectionStringBuilder(TestServers.Postgres)
        {
            Port = ((IPEndPoint)silent.LocalEndpoint).Port, Database = "jobs", Timeout = 0, CommandTimeout = 0,
        }.ConnectionString;
        var api = new MamApiFactory(settings: await SettingsAsync(blackHole));
        try
        {
            using var client = api.CreateReader();
            // A guard so a hanging check fails the test instead of stalling the run.
            client.Timeout = TimeSpan.FromMinutes(1);

            (await client.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var (status, description) = await JobsHealthAsync(client);

            status.ShouldBe("Degraded");
            description.ShouldContain($"The job store (PostgreSQL schema \"hangfire\" in database \"jobs\" on 127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}) is unavailable: it did not answer within 3 s.");
        }
        finally
        {
            // Closing the silent server's sockets ends the job server's wait, so the API can stop.
            silent.Stop();
            lock (held)
            {
                held.ForEach(s => s.Dispose());
            }
            await accepting;
            await api.DisposeAsync();
        }
    }

    private static async Task AcceptAndNeverAnswerAsync(TcpListener listener, List<Socket> held)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync();
                lock (held)
                {
                    held.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task<Dictionary<string, string>> SettingsAsync(string jobs) => new()
    {
        ["Catalog:Provider"] = "Postgres",
        ["Catalog:ConnectionString"] = await TestServers.CreateDatabaseAsync(),
        ["Jobs:ConnectionString"] = jobs,
        ["Jobs:PollInterval"] = "00:00:01",
    };

    private static IDbContextFactory<CatalogDbContext> Catalog(MamApiFactory api) =>
        api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();

    private static string Database(string connectionString) => new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;

    internal static async Task<(string Status, string Description)> JobsHealthAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a job store outage degrades the API, it does not take it out of service: " + body);
        var jobs = JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("jobs");
        return (jobs.GetProperty("status").GetString()!, jobs.GetProperty("description").GetString() ?? "");
    }

    /// <summary>Only the reconciler can dispatch a stage whose message was lost; a worker claiming it
    /// counts an attempt.</summary>
    private static async Task WaitUntilDispatchedAsync(MamApiFactory api, Guid assetId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        PipelineStage probe;
        do
        {
            await Task.Delay(250);
            await using var db = await Catalog(api).CreateDbContextAsync();
            probe = await db.PipelineStages.AsNoTracking().SingleAsync(s => s.AssetId == assetId && s.Stage == StageRegistry.Probe.Name);
        }
        while (probe.Attempts == 0 && DateTime.UtcNow < deadline);
        probe.Attempts.ShouldBeGreaterThan(0, "the reconciler should have dispatched the stage whose message was lost once the job store answered");
    }
}
