using Mam.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section))
            // Embedded default: catalog.db in {Mam:DataDirectory}.
            .PostConfigure<IOptions<MamOptions>>((o, mam) =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    o.ConnectionString = $"Data Source={mam.Value.PathTo("catalog.db")}";
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContextFactory<CatalogDbContext>((sp, builder) => Configure(builder, sp.GetRequiredService<IOptions<CatalogOptions>>().Value));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == CatalogProvider.Postgres)
        {
            // Transient failures (a restarted server, a dropped connection) are retried by Npgsql's
            // execution strategy; our writes are single SaveChanges/ExecuteUpdate calls, safe to retry.
            builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(10, TimeSpan.FromSeconds(10), null));
        }
        else
        {
            var connection = new SqliteConnectionStringBuilder(options.ConnectionString)
            {
                // API requests and pipeline stages write concurrently; wait for the lock instead of failing.
                DefaultTimeout = 30,
            };
            builder.UseSqlite(connection.ToString());
        }
        // There is no model snapshot (the design-time package is unobtainable here), so EF would
        // report every model as "pending changes"; CatalogSchemaTests guards the schema instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Applies migrations at start-up. SQLite gets WAL so readers never wait for the writer.</summary>
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
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
