using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mam.Catalog.Engines;

/// <summary>The catalog on PostgreSQL, shared by several API and worker processes. Its migrations
/// and model snapshot are generated into Migrations/Postgres.</summary>
public sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options)
{
    public static DbContextOptions<PostgresCatalogDbContext> Options(string connectionString, IServiceProvider? services)
    {
        var builder = new DbContextOptionsBuilder<PostgresCatalogDbContext>()
            // Transient failures (a restarted server, a dropped connection) are retried by Npgsql's
            // execution strategy; our writes are single SaveChanges/ExecuteUpdate calls, safe to retry.
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(10, TimeSpan.FromSeconds(10), null));
        if (services is not null)
        {
            builder.UseApplicationServiceProvider(services);
            // Interceptors the application registers (the API's access cache hears of people and role changes).
            builder.AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        }
        return builder.Options;
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresCatalogDbContext</c> build the model
/// without starting a host or a server; adding a migration opens no connection.</summary>
public sealed class PostgresCatalogDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCatalogDbContext>
{
    public PostgresCatalogDbContext CreateDbContext(string[] args) => new(PostgresCatalogDbContext.Options("Host=localhost;Database=mam", null));
}
