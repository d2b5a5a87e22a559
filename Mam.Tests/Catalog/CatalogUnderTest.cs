using System.Data.Common;
using Mam.Catalog;
using Mam.Catalog.Upgrades;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Catalog;

/// <summary>A test's own catalog on one engine (a SQLite file in its temp folder, or a new PostgreSQL
/// database on the test server), migrated the way the API and worker hosts migrate it at start.</summary>
public sealed class CatalogUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CatalogUnderTest(CatalogOptions options)
    {
        Options = options;
        _services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<CatalogDbContext>>(new CatalogDbContextFactory(options))
            .BuildServiceProvider();
    }

    public CatalogOptions Options { get; }

    public static CatalogUnderTest Sqlite(string file) =>
        new(new CatalogOptions { Provider = CatalogProvider.Sqlite, ConnectionString = $"Data Source={file};Pooling=false" });

    /// <summary>A new, empty database on the test server.</summary>
    public static async Task<CatalogUnderTest> PostgresAsync()
    {
        TestServers.Require();
        return new(new CatalogOptions { Provider = CatalogProvider.Postgres, ConnectionString = await TestServers.CreateDatabaseAsync() });
    }

    /// <summary>A new catalog: <paramref name="file"/> in <paramref name="temp"/> on SQLite, a new database on PostgreSQL.</summary>
    public static Task<CatalogUnderTest> OpenAsync(CatalogProvider provider, TempFolder temp, string file = "catalog.db") =>
        provider == CatalogProvider.Postgres ? PostgresAsync() : Task.FromResult(Sqlite(temp.File(file)));

    public CatalogDbContext Open() => _services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContext();

    /// <summary>What Mam.Api and Mam.Workers do at start.</summary>
    public Task MigrateAsync() => _services.MigrateCatalogAsync(CancellationToken.None);

    public async Task<CatalogSchema> SchemaAsync()
    {
        await using var db = Open();
        return await CatalogSchema.ReadAsync(db, CancellationToken.None);
    }

    /// <summary>The migration ids in __EFMigrationsHistory, in the order they were recorded.</summary>
    public Task<List<string>> HistoryAsync() =>
        QueryAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", r => r.GetString(0));

    /// <summary>Tables a migration after the baseline creates: a catalog from before the switch has none
    /// of them until it is migrated, and gets them empty. Its schema is still compared in full.</summary>
    private static readonly HashSet<string> AddedAfterTheBaseline = new(StringComparer.Ordinal)
    {
        "PipelineOperations",
        "DataProtectionKeys", "People", "AccessTokens", "PersonClaims", "PersonLogins", "PersonTokens", "ProjectMemberships", "SignInLinks",
        "AuditEvents",
        "FileCopies", "FixityChecks", "FixityAudits",
        "Restores", "RestoreFiles", "Comments", "AssetVersions", "Approvals", "SigningKeys", "ReviewStages", "StackGates", "ProjectEvents", "WebhookEndpoints", "WebhookDeliveries",
        "ShareLinks", "ShareSessions", "ShareWatches",
        "ProjectFollows", "NotificationStates", "NotificationReads", "DigestsSent",
    };

    /// <summary>Rows per table, for every table the model maps that a pre-switch catalog has too.</summary>
    public async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var db = Open();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetRelationalModel().Tables.Where(t => !AddedAfterTheBaseline.Contains(t.Name)))
        {
            counts[table.Name] = (await QueryAsync($"SELECT count(*) FROM \"{table.Name}\"", r => r.GetInt64(0))).Single();
        }
        return counts;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read)
    {
        await using var db = Open();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var db = Open();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
