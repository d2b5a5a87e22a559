using Mam.Catalog;
using Mam.Hosting;
using Mam.Search;
using Mam.Storage;
using Mam.Tests.Search.Api;
using Mam.Workers.Reindexing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Search.Reindexing;

/// <summary>A catalog (SQLite in its own data folder) holding clips in two projects that no search
/// index knows yet, with the search engine the settings name (FTS5 unless told otherwise).</summary>
internal sealed class ReindexCatalog : IAsyncDisposable
{
    public const string Harbour = "Harbour Film";
    public const string Desert = "Desert Film";

    private readonly ServiceProvider _services;

    private ReindexCatalog(string dataDirectory, ServiceProvider services)
    {
        DataDirectory = dataDirectory;
        _services = services;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _services;

    public ISearchIndex Index => _services.GetRequiredService<ISearchIndex>();

    private IDbContextFactory<CatalogDbContext> Catalog => _services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();

    /// <summary>Asset id → (project, clip name) of every clip added.</summary>
    public Dictionary<Guid, (string Project, string ClipName)> Clips { get; } = [];

    public static async Task<ReindexCatalog> CreateAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Mam:DataDirectory"] = dataDirectory };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddMamDataDirectory(configuration).AddCatalog(configuration).AddObjectStorage(configuration).AddMamSearch(configuration).AddSearchReindex().BuildServiceProvider();
        await services.MigrateCatalogAsync(CancellationToken.None);
        return new ReindexCatalog(dataDirectory, services);
    }

    /// <summary>Three clips in <see cref="Harbour"/>, two in <see cref="Desert"/>; each says "lighthouse"
    /// and a word of its own (its clip name in lower case).</summary>
    public async Task AddFiveClipsAsync()
    {
        foreach (var (project, card, name) in new[]
        {
            (Harbour, "A001R1", "A001C001"), (Harbour, "A001R2", "A001C002"), (Harbour, "B001R1", "B001C001"),
            (Desert, "C001R1", "C001C001"), (Desert, "C001R2", "C001C002"),
        })
        {
            var id = await CataloguedClips.AddAsync(_services, new CataloguedClips.Clip(project, card, name, "A",
                new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc),
                [(1.0, 3.0, $"the lighthouse keeper said {name.ToLowerInvariant()}")], []));
            Clips[id] = (project, name);
        }
    }

    public Task<CatalogDbContext> CatalogAsync() => Catalog.CreateDbContextAsync();

    public SearchReindex Reindex(int batchSize = SearchReindex.DefaultBatchSize) =>
        new(Catalog, Index, TimeProvider.System)
        {
            BatchSize = batchSize,
        };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>Keeps every report, in order.</summary>
internal sealed class RecordedProgress : IProgress<ReindexProgress>
{
    public List<ReindexProgress> Reports { get; } = [];

    public void Report(ReindexProgress value) => Reports.Add(value);
}
