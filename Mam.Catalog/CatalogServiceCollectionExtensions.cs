using Mam.Catalog.Upgrades;
using Mam.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section))
            // Embedded default: catalog.db in {Mam:DataDirectory}. PostgreSQL has no default: a SQLite
            // "Data Source=…" handed to Npgsql fails with a message about keywords, not the missing setting.
            .PostConfigure<IOptions<MamOptions>>((o, mam) =>
            {
                if (o.Provider == CatalogProvider.Sqlite && string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    o.ConnectionString = $"Data Source={mam.Value.PathTo("catalog.db")}";
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        // Our own factory rather than AddDbContextFactory: it picks the engine's context type
        // (each engine has its own migrations), while callers keep asking for CatalogDbContext.
        services.AddSingleton<IDbContextFactory<CatalogDbContext>>(sp =>
            new CatalogDbContextFactory(sp.GetRequiredService<IOptions<CatalogOptions>>().Value, sp));
        return services;
    }

    /// <summary>Applies migrations at start-up. A catalog made before the migrations were generated is
    /// adopted first (see <see cref="HandWrittenMigrations"/>). SQLite gets WAL so readers never wait for the writer.</summary>
    public static async Task MigrateCatalogAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (!string.IsNullOrEmpty(path) && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
        if (!db.Database.IsNpgsql())
        {
            await HandWrittenMigrations.AdoptAsync(db, cancellationToken).ConfigureAwait(false);
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Hosts of distributed mode start together. EF's own lock on PostgreSQL lives in each migration's
        // transaction, so with two migrations pending a host that waited applied the second one again
        // ("relation already exists"): one session lock around the whole run lets one host migrate and
        // the others find nothing left to do.
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresMigrationLock})", cancellationToken).ConfigureAwait(false);
        try
        {
            await HandWrittenMigrations.AdoptAsync(db, cancellationToken).ConfigureAwait(false);
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A pooled connection outlives this context: the lock must not go back to the pool with it.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresMigrationLock})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>"MAM" and 2 (the adoption of a hand-written catalog takes 1).</summary>
    private const long PostgresMigrationLock = 0x4D414D_0002;
}
