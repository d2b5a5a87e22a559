using System.Net.Http.Json;
using System.Text.Json;
using Ingest.Agent.Commands;
using Mam.Tests.Api;
using Mam.Tests.Support;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Workers.Jobs;

/// <summary>The catalog is the source of truth; the job store only schedules. A store deleted
/// (jobs.db) or dropped (the hangfire schema) while clips wait must lose no work: the next start
/// registers the reconciler in a fresh store, and the reconciler dispatches what the catalog says
/// is pending.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class JobStoreWipeTests : TempFolderTest
{
    [TestCase("Sqlite")]
    [TestCase("Postgres")]
    public async Task JobStore_WipedWhileAClipWaits_LosesNoWork_TheNextStartProcessesTheClip(string catalog)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mam:DataDirectory"] = Temp.Combine("data"),
            ["Catalog:Provider"] = catalog,
            ["Jobs:PollInterval"] = "00:00:01",
        };
        if (catalog == "Postgres")
        {
            TestServers.Require();
            settings["Catalog:ConnectionString"] = await TestServers.CreateDatabaseAsync();
        }

        // An API whose pipeline runs nowhere: the new clip's stage commands are lost on its in-memory bus.
        await using (var first = new MamApiFactory(realSocket: true, settings: new Dictionary<string, string>(settings) { ["Workers:Embedded"] = "false" }))
        {
            await OffloadAsync(first);
            var waiting = (await AssetsAsync(first)).ShouldHaveSingleItem();
            waiting.GetProperty("stages").EnumerateArray().ShouldAllBe(s => s.GetProperty("status").GetString() == "pending");
            await first.Services.GetRequiredService<JobStore>().PrepareAsync(CancellationToken.None);
        }

        await WipeJobStoreAsync(settings);

        await using var second = new MamApiFactory(settings: settings);
        var asset = await WaitUntilSettledAsync(second);
        asset.GetProperty("state").GetString().ShouldBe("ready", asset.ToString());
        JobsDashboardTests.RecurringJobIds(second).ShouldContain(PipelineReconcilerJob.Id);
    }

    private async Task OffloadAsync(MamApiFactory api)
    {
        var card = Directory.CreateDirectory(Temp.Combine("card", "W001R1AA")).FullName;
        await TestMedia.MakeClipAsync(card, "W001C001.mov", 2, CancellationToken.None);
        using var output = new StringWriter();
        var exit = await AgentCli.RunAsync(
            ["offload", card, "--dest", Temp.Combine("raid"), "--project", "Wipe", "--api", api.BaseUri.ToString(), "--token", api.AdminToken],
            output, output, CancellationToken.None);
        exit.ShouldBe(0, output.ToString());
    }

    private async Task WipeJobStoreAsync(Dictionary<string, string> settings)
    {
        if (settings["Catalog:Provider"] == "Postgres")
        {
            await using var connection = new Npgsql.NpgsqlConnection(settings["Catalog:ConnectionString"]);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("DROP SCHEMA hangfire CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }
        var jobsDb = Path.Combine(settings["Mam:DataDirectory"], "jobs.db");
        File.Exists(jobsDb).ShouldBeTrue("the embedded job store is the file jobs.db in the data folder");
        foreach (var file in new[] { jobsDb, jobsDb + "-wal", jobsDb + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static async Task<List<JsonElement>> AssetsAsync(MamApiFactory api)
    {
        using var client = api.CreateReader();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/assets?project=Wipe");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<JsonElement> WaitUntilSettledAsync(MamApiFactory api)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var asset = (await AssetsAsync(api)).Single();
        while (asset.GetProperty("state").GetString() == "processing" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            asset = (await AssetsAsync(api)).Single();
        }
        return asset;
    }
}
