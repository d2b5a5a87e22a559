using Mam.Catalog;
using Mam.Tests.Support;
using Npgsql;

namespace Mam.Tests.Catalog;

/// <summary>A copy of a catalog the pre-switch build made (TestData/catalog), for one test to change.</summary>
public static class PreSwitchCatalog
{
    public static async Task<CatalogUnderTest> LoadAsync(CatalogProvider provider, TempFolder temp)
    {
        if (provider == CatalogProvider.Sqlite)
        {
            var file = temp.File("catalog.db");
            File.Copy(TestMedia.TestDataFile("catalog", "pre-switch-catalog.db"), file);
            return CatalogUnderTest.Sqlite(file);
        }
        var catalog = await CatalogUnderTest.PostgresAsync();
        // A plain pg_dump: schema and INSERTs, restored on its own connection (it resets search_path).
        // Lines starting with a backslash (pg_dump's \restrict guard) are psql commands, not SQL.
        var dump = (await File.ReadAllLinesAsync(TestMedia.TestDataFile("catalog", "pre-switch-catalog.postgres.sql")))
            .Where(line => !line.StartsWith('\\'));
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(catalog.Options.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(string.Join('\n', dump), connection);
        await command.ExecuteNonQueryAsync();
        return catalog;
    }
}
