using Mam.Tests.Support;
using Mam.Hosting;
using Mam.Search;
using Mam.Search.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Search;

[TestFixture]
public sealed class SearchRegistrationTests
{
    [Test]
    public void AddMamSearch_WithSqlitePath_ResolvesTheSqliteIndexOnThatFile()
    {
        var path = TestScratch.Combine(Guid.NewGuid().ToString("N"), "search.db");
        using var provider = Build(new() { ["Search:Provider"] = "Sqlite", ["Search:SqlitePath"] = path });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var index = provider.GetRequiredService<ISearchIndex>().ShouldBeOfType<SqliteFtsSearchIndex>();

        index.DatabasePath.ShouldBe(Path.GetFullPath(path));
        provider.GetRequiredService<ISearchIndex>().ShouldBeSameAs(index);
        File.Exists(path).ShouldBeFalse();
    }

    [Test]
    public void AddMamSearch_WithoutSqlitePath_KeepsTheIndexInTheDataDirectory()
    {
        var data = TestScratch.Combine(Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mam:DataDirectory"] = data }).Build();
        using var provider = new ServiceCollection().AddMamDataDirectory(configuration).AddMamSearch(configuration).BuildServiceProvider();

        var index = provider.GetRequiredService<ISearchIndex>().ShouldBeOfType<SqliteFtsSearchIndex>();

        index.DatabasePath.ShouldBe(Path.Combine(data, "search.db"));
    }

    [Test]
    public void AddMamSearch_WithUnknownProviderNumber_FailsStartupValidation()
    {
        using var provider = Build(new() { ["Search:Provider"] = "7", ["Search:SqlitePath"] = "search.db" });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("Provider");
    }

    [Test]
    public void AddMamSearch_WithElasticsearch_ResolvesTheElasticsearchIndexOnTheConfiguredIndex()
    {
        using var provider = Build(new()
        {
            ["Search:Provider"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = "http://127.0.0.1:9200",
            ["Search:Elasticsearch:Index"] = "studio-clips",
            ["Search:Elasticsearch:ApiKey"] = "abc==",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<ISearchIndex>().ShouldBeOfType<Mam.Search.Elasticsearch.ElasticsearchSearchIndex>()
            .IndexName.ShouldBe("studio-clips");
    }

    [TestCase(null, "Search:Elasticsearch:Url")]
    [TestCase("search:9200", "Search:Elasticsearch:Url")]
    [TestCase("ftp://search:9200", "Search:Elasticsearch:Url")]
    public void AddMamSearch_WithElasticsearchButNoUsableUrl_FailsAtStartNamingTheKey(string? url, string key)
    {
        using var provider = Build(new() { ["Search:Provider"] = "Elasticsearch", ["Search:Elasticsearch:Url"] = url });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain(key);
    }

    [TestCase("Studio Clips")]
    [TestCase("_clips")]
    [TestCase("clips*")]
    [TestCase("")]
    public void AddMamSearch_WithAnIndexNameElasticsearchRefuses_FailsAtStart(string index)
    {
        using var provider = Build(new()
        {
            ["Search:Provider"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = "http://127.0.0.1:9200",
            ["Search:Elasticsearch:Index"] = index,
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("Index");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddMamSearch(configuration).BuildServiceProvider();
    }
}
