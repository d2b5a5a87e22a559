using Mam.Tests.Support;
using Mam.Search;
using Mam.Search.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search;

/// <summary>A search index in its own temp folder, deleted on dispose.</summary>
public sealed class TempSearchIndex : IAsyncDisposable
{
    private TempSearchIndex(string folder)
    {
        Folder = folder;
        Index = new SqliteFtsSearchIndex(Path.Combine(folder, "search.db"));
    }

    public string Folder { get; }

    public SqliteFtsSearchIndex Index { get; }

    public static async Task<TempSearchIndex> CreateAsync()
    {
        var folder = TestScratch.Combine(Guid.NewGuid().ToString("N"));
        var temp = new TempSearchIndex(folder);
        await temp.Index.EnsureCreatedAsync(CancellationToken.None);
        return temp;
    }

    public Task IndexAsync(AssetDocument document) => Index.IndexAssetAsync(document, CancellationToken.None);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, string? project = null, int limit = 20) =>
        (await Index.SearchAsync(new SearchRequest(query, limit, project), CancellationToken.None)).Hits;

    public static AssetDocument Clip(
        string clipName, string project = "Harbour Film", string metadata = "", params string[] lines) =>
        new(Guid.NewGuid(), project, "A001", clipName, metadata,
            lines.Select((line, i) => new SegmentDocument(i * 5.0, i * 5.0 + 4.5, line, "transcript")).ToList());

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
