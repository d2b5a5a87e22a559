using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Tests.Support;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api;

[TestFixture]
public sealed class PipelineOperationsApiTests
{
    [Test]
    public async Task Rerun_ForAProjectOfAThousandClips_IsQueuedGoesThroughEveryClipAndShowsItsProgress()
    {
        await using var api = new MamApiFactory();
        using var client = api.CreateWriter();
        var catalog = api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await SeedProcessedProjectAsync(catalog, "Big Show", 1000);

        using var response = await client.PostAsJsonAsync("/api/pipeline/reruns",
            new { project = "Big Show", stages = new[] { "index" }, reason = "Search engine switched to Elasticsearch." });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var url = response.Headers.Location!.ToString();
        var operation = await response.Content.ReadFromJsonAsync<JsonElement>();
        operation.GetProperty("total").GetInt32().ShouldBe(1000);
        operation.GetProperty("scope").GetString().ShouldBe("project Big Show");
        var seen = new HashSet<int>();
        for (var i = 0; i < 600 && operation.GetProperty("status").GetString() is "queued" or "running"; i++)
        {
            await Task.Delay(100);
            operation = await client.GetFromJsonAsync<JsonElement>(url);
            seen.Add(operation.GetProperty("processed").GetInt32());
        }
        operation.GetProperty("status").GetString().ShouldBe("done", operation.ToString());
        operation.GetProperty("processed").GetInt32().ShouldBe(1000);
        operation.GetProperty("stagesRequeued").GetInt32().ShouldBe(1000);
        seen.ShouldAllBe(p => p % 100 == 0 || p == 1000, "progress moves a bounded batch at a time");

        // And the work itself happens: every clip is indexed again.
        var indexed = 0;
        for (var i = 0; i < 360 && indexed < 1000; i++)
        {
            await Task.Delay(500);
            await using var db = await catalog.CreateDbContextAsync();
            indexed = await db.PipelineStages.CountAsync(s => s.Stage == StageRegistry.Index.Name && s.Status == StageStatus.Done && s.Note!.Contains("Indexed"));
        }
        indexed.ShouldBe(1000);
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/pipeline/operations?project=Big%20Show");
        listed.EnumerateArray().ShouldHaveSingleItem().GetProperty("reason").GetString().ShouldBe("Search engine switched to Elasticsearch.");
    }

    [Test]
    public async Task Rerun_WithoutSigningIn_IsRefusedAndChangesNothing()
    {
        await using var api = new MamApiFactory();
        using var reader = api.CreateAnonymous();
        var catalog = api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await SeedProcessedProjectAsync(catalog, "Small Show", 1);

        using var response = await reader.PostAsJsonAsync("/api/pipeline/reruns", new { project = "Small Show", stages = new[] { "proxy" }, reason = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var db = await catalog.CreateDbContextAsync();
        (await db.PipelineOperations.CountAsync()).ShouldBe(0);
        (await db.PipelineStages.CountAsync(s => s.Status != StageStatus.Done)).ShouldBe(0);
    }

    [Test]
    public async Task Rerun_OfAProjectThatDoesNotExist_Is404AndAnUnknownStage400_WithTheStagesNamed()
    {
        await using var api = new MamApiFactory();
        using var client = api.CreateWriter();

        using var missing = await client.PostAsJsonAsync("/api/pipeline/reruns", new { project = "Nope", stages = new[] { "proxy" }, reason = "x" });
        using var unknown = await client.PostAsJsonAsync("/api/pipeline/reruns", new { project = "Nope", stages = new[] { "proxies" }, reason = "x" });

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("There is no project 'Nope' with clips.");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Unknown stage 'proxies'. Stages: probe, transcribe, index-dialogue, proxy, waveform, analyse, index, fingerprint.");
        var stages = await client.GetFromJsonAsync<JsonElement>("/api/pipeline/stages");
        stages.EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ShouldBe(PipelinePlan.Stages.Select(s => s.Slug));
    }

    /// <summary>Clips whose every stage is done, as after a finished card (no original stored: only the
    /// catalog's stages matter here).</summary>
    private static async Task SeedProcessedProjectAsync(IDbContextFactory<CatalogDbContext> catalog, string name, int clips)
    {
        await using var db = await catalog.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var project = new Project { Id = Guid.NewGuid(), Name = name, CreatedAt = now };
        var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Name = "A001R1AB", OffloadedAt = now, RegisteredAt = now };
        db.AddRange(project, card);
        for (var i = 0; i < clips; i++)
        {
            var file = new CardFile { Id = Guid.NewGuid(), CardId = card.Id, RelativePath = $"A001C{i:D4}.mov", Xxh64 = "0123456789abcdef", StorageKey = $"k{i}", Role = FileRole.Clip };
            var asset = new Asset { Id = Guid.NewGuid(), CardId = card.Id, ClipName = $"A001C{i:D4}", SourceFileId = file.Id, CreatedAt = now };
            asset.Stages = PipelinePlan.NewStages(asset.Id, now);
            foreach (var stage in asset.Stages)
            {
                stage.Status = StageStatus.Done;
            }
            file.AssetId = asset.Id;
            db.AddRange(file, asset);
        }
        await db.SaveChangesAsync();
    }
}
