using Mam.Catalog;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mam.Tests.Catalog;

/// <summary>The migration is written by hand (no EF design-time package here), so this is what keeps
/// it honest: every table and column the model maps must exist after migrating an empty database.</summary>
[TestFixture]
public sealed class CatalogSchemaTests
{
    [Test]
    public async Task Migrate_OnEmptyDatabase_CreatesEveryTableAndColumnTheModelUses()
    {
        using var folder = new TempFolder("catalog");
        var options = new DbContextOptionsBuilder<CatalogDbContext>();
        CatalogServiceCollectionExtensions.Configure(options, new CatalogOptions { ConnectionString = $"Data Source={folder.Combine("c.db")}" });
        await using var db = new CatalogDbContext(options.Options);

        await db.Database.MigrateAsync();

        var missing = new List<string>();
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            var columns = new HashSet<string>(StringComparer.Ordinal);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name, \"notnull\" FROM pragma_table_info('{table.Name}')";
            await using var reader = await command.ExecuteReaderAsync();
            var notNull = new Dictionary<string, bool>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
                notNull[reader.GetString(0)] = reader.GetInt64(1) == 1;
            }
            if (columns.Count == 0)
            {
                missing.Add($"table {table.Name}");
                continue;
            }
            foreach (IColumn column in table.Columns)
            {
                if (!columns.Contains(column.Name))
                {
                    missing.Add($"{table.Name}.{column.Name}");
                }
                else if (notNull[column.Name] == column.IsNullable)
                {
                    missing.Add($"{table.Name}.{column.Name} nullability");
                }
            }
        }

        foreach (var index in db.Model.GetRelationalModel().Tables.SelectMany(t => t.Indexes))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{index.Name}'";
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                missing.Add($"index {index.Name}");
            }
        }

        missing.ShouldBeEmpty();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Test]
    [Category("Integration")]
    public async Task Migrate_OnEmptyPostgresDatabase_CreatesEveryTableAndColumnTheModelUses()
    {
        TestServers.Require();
        var options = new DbContextOptionsBuilder<CatalogDbContext>();
        CatalogServiceCollectionExtensions.Configure(options, new CatalogOptions { Provider = CatalogProvider.Postgres, ConnectionString = await TestServers.CreateDatabaseAsync() });
        await using var db = new CatalogDbContext(options.Options);

        await db.Database.MigrateAsync();

        var missing = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            var columns = new Dictionary<string, bool>(StringComparer.Ordinal);
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_name = @t", connection);
            command.Parameters.AddWithValue("t", table.Name);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns[reader.GetString(0)] = reader.GetBoolean(1);
            }
            if (columns.Count == 0)
            {
                missing.Add($"table {table.Name}");
                continue;
            }
            foreach (IColumn column in table.Columns)
            {
                if (!columns.TryGetValue(column.Name, out var nullable))
                {
                    missing.Add($"{table.Name}.{column.Name}");
                }
                else if (nullable != column.IsNullable)
                {
                    missing.Add($"{table.Name}.{column.Name} nullability");
                }
            }
        }

        missing.ShouldBeEmpty();
    }
}
