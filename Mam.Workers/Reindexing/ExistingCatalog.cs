using Mam.Catalog;
using Mam.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Reindexing;

/// <summary>The <c>reindex</c> command reads the MAM's catalog; it never creates or upgrades one. Pointed
/// at the wrong data folder it must say so, not make an empty catalog there and report "0 clips"; and a
/// catalog an older build left is upgraded by the hosts that own it (Mam.Api, Mam.Workers), whose
/// start-up takes care of hosts starting together.</summary>
internal static class ExistingCatalog
{
    /// <exception cref="ReindexRefusedException">No catalog where the settings point, or one not yet
    /// upgraded to this build's schema. Nothing was created or changed.</exception>
    public static async Task RequireAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<CatalogOptions>>().Value;
        var where = "The catalog (Catalog:ConnectionString)";
        if (options.Provider == CatalogProvider.Sqlite)
        {
            var connection = new SqliteConnectionStringBuilder(options.ConnectionString);
            var memory = connection.Mode == SqliteOpenMode.Memory || connection.DataSource is "" or ":memory:";
            // Checked before anything opens it: opening a SQLite file that is not there creates it.
            if (!memory && !File.Exists(connection.DataSource))
            {
                var dataDirectory = services.GetRequiredService<IOptions<MamOptions>>().Value.DataDirectory;
                throw new ReindexRefusedException(
                    $"There is no catalog at {Path.GetFullPath(connection.DataSource)}. Point {MamOptions.Section}:{nameof(MamOptions.DataDirectory)} " +
                    $"(now {dataDirectory}) at the MAM's data folder, or {CatalogOptions.Section}:{nameof(CatalogOptions.ConnectionString)} at its catalog. " +
                    "Nothing was created.");
            }
            where = $"The catalog at {Path.GetFullPath(connection.DataSource)}";
        }

        var factory = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
        if (pending > 0)
        {
            throw new ReindexRefusedException(
                $"{where} is from an older build ({pending} schema upgrade(s) pending). Start Mam.Api or Mam.Workers once to upgrade it, " +
                "then run reindex again. Nothing was changed.");
        }
    }
}
