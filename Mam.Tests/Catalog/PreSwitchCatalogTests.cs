using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Upgrades;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mam.Tests.Catalog;

/// <summary>Catalogs made by the build before the migrations were generated (commit f751159, four
/// hand-written migrations) open with this build and keep every row. The fixtures were made by that
/// build itself: TestData/catalog/README.md says how.</summary>
[TestFixture]
public sealed class PreSwitchCatalogTests() : TempFolderTest("pre-switch")
{
    [TestCase(CatalogProvider.Sqlite)]
    [TestCase(CatalogProvider.Postgres, Category = "Integration")]
    public async Task Migrate_CatalogFromBeforeTheSwitch_KeepsEveryRowAndEndsWithTheSchemaOfANewCatalog(CatalogProvider provider)
    {
        await using var catalog = await PreSwitchCatalog.LoadAsync(provider, Temp);
        var before = await catalog.RowCountsAsync();
        before.Values.ShouldAllBe(count => count > 0, "the fixture should have rows in every table");

        await catalog.MigrateAsync();

        (await catalog.RowCountsAsync()).ShouldBe(before);
        await using var fresh = await CatalogUnderTest.OpenAsync(provider, Temp, "fresh.db");
        await fresh.MigrateAsync();
        (await catalog.SchemaAsync()).ToString().ShouldBe((await fresh.SchemaAsync()).ToString());
        (await catalog.HistoryAsync()).ShouldBe([.. HandWrittenMigrations.Ids, .. await fresh.HistoryAsync()], ignoreOrder: true);
        await using var db = catalog.Open();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        await ShouldReadTheHarbourLightsCardAsync(db);
    }

    [TestCase(CatalogProvider.Sqlite)]
    [TestCase(CatalogProvider.Postgres, Category = "Integration")]
    public async Task Migrate_CatalogFromBeforeTheSwitchAgain_ChangesNothing(CatalogProvider provider)
    {
        await using var catalog = await PreSwitchCatalog.LoadAsync(provider, Temp);
        await catalog.MigrateAsync();
        var (schema, history, rows) = ((await catalog.SchemaAsync()).ToString(), await catalog.HistoryAsync(), await catalog.RowCountsAsync());

        await catalog.MigrateAsync();

        (await catalog.SchemaAsync()).ToString().ShouldBe(schema);
        (await catalog.HistoryAsync()).ShouldBe(history);
        (await catalog.RowCountsAsync()).ShouldBe(rows);
    }

    [TestCase(CatalogProvider.Sqlite)]
    [TestCase(CatalogProvider.Postgres, Category = "Integration")]
    public async Task Migrate_WhenHostsStartTogetherOnACatalogFromBeforeTheSwitch_AdoptsItOnce(CatalogProvider provider)
    {
        await using var catalog = await PreSwitchCatalog.LoadAsync(provider, Temp);
        var before = await catalog.RowCountsAsync();

        // The API and two workers of distributed mode, started at once.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(catalog.MigrateAsync)));

        // Each generated migration recorded once, beside the hand-written ones (the history's key
        // would refuse a second baseline row, failing the host that tried).
        await using var db = catalog.Open();
        (await catalog.HistoryAsync()).ShouldBe([.. HandWrittenMigrations.Ids, .. db.Database.GetMigrations()], ignoreOrder: true);
        (await catalog.RowCountsAsync()).ShouldBe(before);
    }

    [Test]
    public async Task Migrate_CatalogOfAnOlderHandWrittenBuild_StopsNamingTheBuildToOpenItWithAndChangesNothing()
    {
        await using var catalog = await PreSwitchCatalog.LoadAsync(CatalogProvider.Sqlite, Temp);
        // What the build before the clip-analysis migration left.
        await catalog.ExecuteAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20261121030000_ClipAnalysis'");
        var (history, rows) = (await catalog.HistoryAsync(), await catalog.RowCountsAsync());

        var error = await Should.ThrowAsync<CatalogUpgradeException>(catalog.MigrateAsync);

        error.Message.ShouldContain("20261121030000_ClipAnalysis");
        error.Message.ShouldContain("f751159");
        error.Message.ShouldContain("Nothing was changed");
        (await catalog.HistoryAsync()).ShouldBe(history);
        (await catalog.RowCountsAsync()).ShouldBe(rows);
    }

    [TestCase(CatalogProvider.Sqlite)]
    [TestCase(CatalogProvider.Postgres, Category = "Integration")]
    public async Task Migrate_CatalogFromBeforeTheSwitchWithAnIndexDropped_RefusesNamingTheDifferenceAndChangesNothing(CatalogProvider provider)
    {
        await using var catalog = await PreSwitchCatalog.LoadAsync(provider, Temp);
        await catalog.ExecuteAsync("DROP INDEX \"IX_CardFiles_AssetId\"");
        var (schema, history, rows) = ((await catalog.SchemaAsync()).ToString(), await catalog.HistoryAsync(), await catalog.RowCountsAsync());

        var error = await Should.ThrowAsync<CatalogUpgradeException>(catalog.MigrateAsync);

        error.Message.ShouldContain("CardFiles: missing index IX_CardFiles_AssetId (AssetId)");
        error.Message.ShouldContain("Nothing was changed");
        (await catalog.SchemaAsync()).ToString().ShouldBe(schema);
        (await catalog.HistoryAsync()).ShouldBe(history);
        (await catalog.RowCountsAsync()).ShouldBe(rows);
    }

    /// <summary>Reads the card through the model as the API does: every mapped column of every table
    /// comes back, including JSON columns and the owned technical metadata and QC report.</summary>
    private static async Task ShouldReadTheHarbourLightsCardAsync(CatalogDbContext db)
    {
        var card = await db.Cards.Include(c => c.Project).Include(c => c.Files).SingleAsync(c => c.Name == "A001R1AB");
        card.Project!.Name.ShouldBe("Harbour Lights");
        (card.Camera, card.Roll).ShouldBe(("A", "A001"));
        card.Files.Count.ShouldBe(12);
        card.Files.Single(f => f.RelativePath == "A001C001_261121_R1AB.mov").Xxh64.ShouldBe("f2e544f990214b48");

        var asset = await db.Assets.Include(a => a.TranscriptSegments).Include(a => a.Tags).Include(a => a.Stages).Include(a => a.Renditions)
            .AsSplitQuery().SingleAsync(a => a.ClipName == "A001C001_261121_R1AB");
        asset.Technical!.VideoCodec.ShouldBe("prores");
        asset.Technical.DurationSeconds.ShouldBe(9.0);
        asset.Technical.RecordedAt.ShouldBe(new DateTime(2026, 11, 21, 10, 14, 3));
        asset.Qc!.Status.ShouldBe(QcStatus.Warning);
        asset.TranscriptSegments.OrderBy(s => s.Sequence).First().Text.ShouldBe("the harbour lights were burning when that came home");
        asset.TranscriptSegments.ShouldAllBe(s => s.Words.Count > 0);
        asset.Tags.ShouldContain(t => t.Kind == TagKind.Slate && t.Label == "scene 12 take 1");
        asset.Stages.Count.ShouldBe(5);
        asset.Stages.ShouldAllBe(s => s.Status == StageStatus.Done);
        asset.Renditions.Select(r => r.Kind).ShouldBe([RenditionKind.Proxy, RenditionKind.Poster, RenditionKind.Filmstrip], ignoreOrder: true);
        (await db.UploadSessions.CountAsync(u => u.Status == UploadStatus.Complete)).ShouldBe(12);
    }
}
