using Mam.Search;
using Mam.Search.Sqlite;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search.Conformance;

[TestFixture]
public sealed class SqliteConformanceTests : SearchConformanceTests
{
    private readonly TempFolder _folder = new("search-conformance");

    protected override Task<ISearchIndex> CreateIndexAsync()
    {
        return Task.FromResult<ISearchIndex>(new SqliteFtsSearchIndex(_folder.File("search.db")));
    }

    [OneTimeTearDown]
    public Task DeleteIndexAsync()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
