using Mam.Catalog;
using Mam.Hosting;
using Mam.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Catalog;

/// <summary>What the Catalog section becomes once bound, and what an operator is told when it cannot work.</summary>
[TestFixture]
public sealed class CatalogSettingsTests : TempFolderTest
{
    [Test]
    public void Postgres_WithoutConnectionString_RefusesNamingTheSetting()
    {
        using var services = Services(new() { ["Catalog:Provider"] = "Postgres" });

        var refusal = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<CatalogOptions>>().Value);

        refusal.Message.ShouldContain("Catalog:ConnectionString is required with Catalog:Provider=Postgres");
    }

    [Test]
    public void Sqlite_WithoutConnectionString_UsesCatalogDbInTheDataDirectory()
    {
        using var services = Services(new() { ["Catalog:Provider"] = "Sqlite" });

        services.GetRequiredService<IOptions<CatalogOptions>>().Value.ConnectionString
            .ShouldBe($"Data Source={Path.Combine(Temp.Path, "catalog.db")}");
    }

    [Test]
    public void WorkerHost_PostgresWithoutConnectionString_ExitsSayingWhatToSet()
    {
        using var worker = new WorkerProcess(new Dictionary<string, string>
        {
            ["Mam:DataDirectory"] = Temp.Path,
            ["Catalog:Provider"] = "Postgres",
        });

        worker.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue(worker.Output);
        worker.ExitCode.ShouldNotBe(0);
        worker.Output.ShouldContain("Not started: ");
        worker.Output.ShouldContain("Catalog:ConnectionString is required with Catalog:Provider=Postgres");
        worker.Output.ShouldNotContain("Unhandled exception", Case.Insensitive);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Mam:DataDirectory"] = Temp.Path;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddMamDataDirectory(configuration).AddCatalog(configuration).BuildServiceProvider();
    }
}
