using Mam.Catalog;
using Mam.Catalog.Upgrades;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mam.Tests.Catalog;

/// <summary>The generated migrations against the model, on both engines: a model change without a
/// migration fails here, a new database gets exactly the schema the model maps, and migrating again
/// changes nothing.</summary>
[TestFixture]
public sealed class CatalogMigrationsTests() : TempFolderTest("catalog")
{
    [TestCase(CatalogProvider.Sqlite)]
    [TestCase(CatalogProvider.Postgres)]
    public async Task Model_HasNoChangeThatNoMigrationCovers(CatalogProvider provider)
    {
        // Compares the engine's model snapshot with the model; needs no server. The fix is one
        // `dotnet ef migrations add` per engine (README, "Catalog migrations").
        await using var db = new CatalogDbContextFactory(new CatalogOptions
        {
            Provider = provider,
            ConnectionString = provider == CatalogProvider.Postgres ? "Host=localhost;Database=unused" : $"Data Source={Temp.File("unused.db")}",
        }).CreateDbContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"the catalog model has changes no {provider} migration covers: run `dotnet ef migrations add <Name> --project Mam.Catalog --context {db.GetType().Name}`");
    }

    [TestCase(CatalogProvider.Sqlite)]
    [TestCase(CatalogProvider.Postgres, Category = "Integration")]
    public async Task Migrate_OnEmptyDatabase_CreatesExactlyTheSchemaTheModelMaps(CatalogProvider provider)
    {
        await using var catalog = await CatalogUnderTest.OpenAsync(provider, Temp);

        await catalog.MigrateAsync();

        await using var db = catalog.Open();
        var expected = CatalogSchema.FromModel(db.Model.GetRelationalModel(), namesConstraints: provider == CatalogProvider.Postgres);
        (await catalog.SchemaAsync()).ToString().ShouldBe(expected.ToString());
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [TestCase(CatalogProvider.Sqlite)]
    [TestCase(CatalogProvider.Postgres, Category = "Integration")]
    public async Task Migrate_RunAgain_ChangesNothing(CatalogProvider provider)
    {
        await using var catalog = await CatalogUnderTest.OpenAsync(provider, Temp);
        await catalog.MigrateAsync();
        var schema = (await catalog.SchemaAsync()).ToString();
        var history = await catalog.HistoryAsync();

        await catalog.MigrateAsync();

        (await catalog.SchemaAsync()).ToString().ShouldBe(schema);
        (await catalog.HistoryAsync()).ShouldBe(history);
    }
}
