using Mam.Catalog.Engines;
using Microsoft.EntityFrameworkCore;

namespace Mam.Catalog;

/// <summary>Creates the catalog of the configured engine. What it returns is the engine's own
/// context type (so EF finds that engine's migrations), seen by callers as <see cref="CatalogDbContext"/>.</summary>
public sealed class CatalogDbContextFactory : IDbContextFactory<CatalogDbContext>
{
    private readonly Func<CatalogDbContext> _create;

    /// <param name="services">The application's services, so EF logs through its logging; null in tools and tests.</param>
    public CatalogDbContextFactory(CatalogOptions options, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == CatalogProvider.Postgres)
        {
            var postgres = PostgresCatalogDbContext.Options(options.ConnectionString, services);
            _create = () => new PostgresCatalogDbContext(postgres);
        }
        else
        {
            var sqlite = SqliteCatalogDbContext.Options(options.ConnectionString, services);
            _create = () => new SqliteCatalogDbContext(sqlite);
        }
    }

    public CatalogDbContext CreateDbContext() => _create();
}
