using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Registry;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Distributed;

/// <summary>Scale-out on the real servers: RabbitMQ, PostgreSQL, separate worker processes — and
/// what happens to the work when those servers or workers die midway.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class DistributedPipelineTests
{
    private static readonly string[] Lines =
    [
        "the harbour lights were burning when the boat came home",
        "please bring the green bag to the kitchen before dinner",
        "she said that the train would leave at seven in the morning",
        "my brother sold his car last summer",
    ];

    [Test]
    public async Task Pipeline_WithTwoWorkerProcesses_ProcessesEveryStageOfEveryAssetExactlyOnce()
    {
        await using var mam = await DistributedMam.StartAsync();
        mam.StartWorker();
        mam.StartWorker();

        await mam.OffloadSpeechCardAsync("D001R1AA", Lines);
        var assets = await mam.WaitUntilSettledAsync(Lines.Length, TimeSpan.FromMinutes(4));

        foreach (var asset in assets)
        {
            asset.GetProperty("state").GetString().ShouldBe("ready", DistributedMam.Describe(asset));
            asset.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("attempts").GetInt32())
                .ShouldAllBe(a => a == 1, DistributedMam.Describe(asset));
        }
        await ShouldFindEachLineOnce(mam);
        // Both workers run a Hangfire server on the catalog database's job store (the API, without
        // embedded workers, runs none), which is what makes a reconciler run happen on one at a time.
        await using var connection = new Npgsql.NpgsqlConnection(mam.Settings["Catalog:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(2);
        // The agent sent its parts straight to the S3 gateway on presigned URLs; the API only
        // opened and completed the sessions (verifying each whole file's xxh64).
        var factory = mam.Api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        (await db.UploadSessions.CountAsync(u => u.Status == UploadStatus.Complete)).ShouldBe(await db.CardFiles.CountAsync());
    }

    [Test]
    public async Task Pipeline_WhenRabbitMqRestartsMidway_FinishesEveryAssetWithNothingLostOrDuplicated()
    {
        await using var mam = await DistributedMam.StartAsync();
        mam.StartWorker();
        await mam.OffloadSpeechCardAsync("D002R1AA", Lines);
        await WaitForAnyStageDone(mam);

        await TestServers.StopRabbitMqAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await TestServers.StartRabbitMqAsync();

        var assets = await mam.WaitUntilSettledAsync(Lines.Length, TimeSpan.FromMinutes(4));
        assets.ShouldAllBe(a => a.GetProperty("state").GetString() == "ready");
        await ShouldHaveNoDuplicates(mam);
        await ShouldFindEachLineOnce(mam);
    }

    [Test]
    public async Task Pipeline_WhenPostgresRestartsMidway_FinishesEveryAssetWithNothingLostOrDuplicated()
    {
        await using var mam = await DistributedMam.StartAsync(stageDeadline: TimeSpan.FromSeconds(30));
        mam.StartWorker();
        await mam.OffloadSpeechCardAsync("D003R1AA", Lines);
        await WaitForAnyStageDone(mam);

        await TestServers.StopPostgresAsync();
        var whileDown = await mam.Client.GetAsync("/api/assets?project=Distributed");
        await TestServers.StartPostgresAsync();

        whileDown.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
        (await whileDown.Content.ReadAsStringAsync()).ShouldContain("urn:mam:problem:catalog-unavailable");

        var assets = await mam.WaitUntilSettledAsync(Lines.Length, TimeSpan.FromMinutes(5));
        assets.ShouldAllBe(a => a.GetProperty("state").GetString() == "ready", string.Join("; ", assets.Select(DistributedMam.Describe)));
        await ShouldHaveNoDuplicates(mam);
        await ShouldFindEachLineOnce(mam);
    }

    private static async Task WaitForAnyStageDone(DistributedMam mam)
    {
        for (var i = 0; i < 600; i++)
        {
            var assets = await mam.AssetsAsync();
            if (assets.Any(a => a.GetProperty("stages").EnumerateArray().Any(s => s.GetProperty("stage").GetString() != "probe" && s.GetProperty("status").GetString() == "done")))
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("No stage finished within a minute.");
    }

    private static async Task<JsonElement> WaitForStage(DistributedMam mam, string stage, string status)
    {
        for (var i = 0; i < 1200; i++)
        {
            var match = (await mam.AssetsAsync()).FirstOrDefault(a => a.GetProperty("stages").EnumerateArray()
                .Any(s => s.GetProperty("stage").GetString() == stage && s.GetProperty("status").GetString() == status));
            if (match.ValueKind != JsonValueKind.Undefined)
            {
                return match;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"No asset reached {stage}={status} within two minutes.");
        return default;
    }

    private static async Task<List<Rendition>> RenditionsOf(DistributedMam mam, Guid assetId)
    {
        var factory = mam.Api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Renditions.AsNoTracking().Where(r => r.AssetId == assetId).ToListAsync();
    }

    private static async Task ShouldHaveNoDuplicates(DistributedMam mam)
    {
        var factory = mam.Api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        (await db.Assets.CountAsync()).ShouldBe(Lines.Length);
        // One of each kind the stages make (proxy, poster, filmstrip, waveform): none made twice.
        var kinds = StageRegistry.All.SelectMany(s => s.Outputs).Count();
        (await db.Renditions.GroupBy(r => r.AssetId).Select(g => g.Count()).ToListAsync()).ShouldAllBe(n => n == kinds);
        (await db.PipelineStages.CountAsync()).ShouldBe(Lines.Length * PipelinePlan.Stages.Count);
    }

    private static async Task ShouldFindEachLineOnce(DistributedMam mam)
    {
        foreach (var line in Lines)
        {
            var phrase = string.Join(' ', line.Split(' ')[3..6]);
            var result = await mam.Client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString($"\"{phrase}\""));
            var clips = result.GetProperty("hits").EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "segment")
                .Select(h => h.GetProperty("clipName").GetString()).ToList();
            clips.Count.ShouldBe(1, $"\"{phrase}\" should be found in exactly one clip, once");
        }
    }
}
