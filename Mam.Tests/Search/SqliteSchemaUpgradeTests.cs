using Mam.Search;
using Mam.Search.Sqlite;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search;

/// <summary>A search.db written before filters existed (layout 1) is upgraded in place: its clips stay
/// searchable, and clips indexed again gain their filter fields.</summary>
[TestFixture]
public sealed class SqliteSchemaUpgradeTests
{
    // The layout-1 DDL as it shipped (triggers left out: the test inserts into both tables itself).
    private const string Layout1 = """
        CREATE TABLE assets (id INTEGER PRIMARY KEY, asset_id TEXT NOT NULL UNIQUE, project TEXT NOT NULL, card TEXT NOT NULL,
                             clip_name TEXT NOT NULL, metadata TEXT NOT NULL);
        CREATE VIRTUAL TABLE asset_docs USING fts5(asset_id UNINDEXED, project UNINDEXED, card, clip_name, metadata,
                             content = 'assets', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TABLE segments (id INTEGER PRIMARY KEY, asset_id TEXT NOT NULL, project TEXT NOT NULL, clip_name TEXT NOT NULL,
                             start REAL NOT NULL, "end" REAL NOT NULL, source TEXT NOT NULL, text TEXT NOT NULL);
        CREATE INDEX segments_by_asset ON segments (asset_id);
        CREATE VIRTUAL TABLE segment_docs USING fts5(asset_id UNINDEXED, project UNINDEXED, clip_name UNINDEXED,
                             start UNINDEXED, "end" UNINDEXED, source UNINDEXED, text,
                             content = 'segments', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO assets VALUES (1, '30000000-0000-0000-0000-000000000001', 'Old Film', 'A001', 'A001C001', 'prores');
        INSERT INTO segments VALUES (1, '30000000-0000-0000-0000-000000000001', 'Old Film', 'A001C001', 2.0, 4.0, 'transcript', 'The old harbour.');
        INSERT INTO asset_docs (asset_docs) VALUES ('rebuild');
        INSERT INTO segment_docs (segment_docs) VALUES ('rebuild');
        PRAGMA user_version = 1;
        """;

    [Test]
    public async Task EnsureCreated_OnALayout1File_KeepsItsClipsAndAddsTheFilterFields()
    {
        using var folder = new TempFolder("search-upgrade");
        var path = folder.File("search.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Layout1;
            await command.ExecuteNonQueryAsync();
        }

        var index = new SqliteFtsSearchIndex(path);
        await index.EnsureCreatedAsync(CancellationToken.None);
        await index.EnsureCreatedAsync(CancellationToken.None);

        var old = (await index.SearchAsync(new SearchRequest("harbour"), CancellationToken.None)).Clips.ShouldHaveSingleItem();
        (old.ClipName, old.Camera, old.RecordedAt).ShouldBe(("A001C001", null, null));
        old.Hits.ShouldHaveSingleItem().Start.ShouldBe(2.0);

        var clip = new AssetDocument(Guid.NewGuid(), "New Film", "B001", "B001C001", "", [new SegmentDocument(1, 2, "A new harbour.", SegmentSources.Transcript)])
        {
            Camera = "B",
            Tags = ["person"],
        };
        await index.IndexAssetAsync(clip, CancellationToken.None);
        var filtered = await index.SearchAsync(new SearchRequest("harbour") { Filter = new SearchFilter { Camera = "B", Tags = ["person"] } }, CancellationToken.None);
        filtered.Clips.ShouldHaveSingleItem().AssetId.ShouldBe(clip.AssetId);
        SqliteConnection.ClearAllPools();
    }
}
