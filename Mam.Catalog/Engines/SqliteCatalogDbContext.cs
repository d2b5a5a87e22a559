using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mam.Catalog.Engines;

/// <summary>The catalog on SQLite, the embedded default. Its migrations and model snapshot are
/// generated into Migrations/Sqlite.</summary>
public sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options)
{
    public static DbContextOptions<SqliteCatalogDbContext> Options(string connectionString, IServiceProvider? services)
    {
        var connection = new SqliteConnectionStringBuilder(connectionString)
        {
            // API requests and pipeline stages write concurrently; wait for the lock instead of failing.
            DefaultTimeout = 30,
        };
        var builder = new DbContextOptionsBuilder<SqliteCatalogDbContext>().UseSqlite(connection.ToString());
        if (services is not null)
        {
            builder.UseApplicationServiceProvider(services);
            // Interceptors the application registers (the API's access cache hears of people and role changes).
            builder.AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        }
        return builder.Options;
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteCatalogDbContext</c> build the model
/// without starting a host; adding a migration opens no connection.</summary>
public sealed class SqliteCatalogDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCatalogDbContext>
{
    public SqliteCatalogDbContext CreateDbContext(string[] args) => new(SqliteCatalogDbContext.Options("Data Source=catalog.db", null));
}
