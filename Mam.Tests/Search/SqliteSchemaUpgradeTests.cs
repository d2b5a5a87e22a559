using Mam.Search;
using Mam.Search.Sqlite;
using Mam.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mam.Tests.Search;

/// <summary>A search.db of an older layout (1: before filters; 2: before word times and the lean
/// layout) is detected and converted in place when the index opens: its clips stay searchable with
/// their fields, and clips indexed again gain what the new layout adds.</summary>
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

    // The layout-2 DDL as it shipped, with one clip written as its writer wrote it.
    private const string Layout2 = """
        CREATE TABLE assets (id INTEGER PRIMARY KEY, asset_id TEXT NOT NULL UNIQUE, project TEXT NOT NULL, card TEXT NOT NULL,
                             clip_name TEXT NOT NULL, metadata TEXT NOT NULL, camera TEXT, recorded_at TEXT, codec TEXT, resolution TEXT,
                             has_faces INTEGER NOT NULL DEFAULT 0, qc_status TEXT, tags TEXT NOT NULL DEFAULT '');
        CREATE VIRTUAL TABLE asset_docs USING fts5(asset_id UNINDEXED, project UNINDEXED, card, clip_name, metadata,
                             content = 'assets', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TABLE segments (id INTEGER PRIMARY KEY, asset_id TEXT NOT NULL, project TEXT NOT NULL, clip_name TEXT NOT NULL,
                             start REAL NOT NULL, "end" REAL NOT NULL, source TEXT NOT NULL, text TEXT NOT NULL, confidence REAL);
        CREATE INDEX segments_by_asset ON segments (asset_id);
        CREATE VIRTUAL TABLE segment_docs USING fts5(asset_id UNINDEXED, project UNINDEXED, clip_name UNINDEXED,
                             start UNINDEXED, "end" UNINDEXED, source UNINDEXED, text,
                             content = 'segments', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TABLE asset_tags (tag TEXT NOT NULL, asset_id TEXT NOT NULL, PRIMARY KEY (tag, asset_id)) WITHOUT ROWID;
        CREATE INDEX asset_tags_by_asset ON asset_tags (asset_id);
        CREATE INDEX assets_by_recording ON assets (recorded_at);
        CREATE INDEX assets_by_project ON assets (project, card);
        CREATE TRIGGER segments_after_insert AFTER INSERT ON segments BEGIN
            INSERT INTO segment_docs (rowid, asset_id, project, clip_name, start, "end", source, text)
            VALUES (new.id, new.asset_id, new.project, new.clip_name, new.start, new."end", new.source, new.text);
        END;
        INSERT INTO assets VALUES (7, '30000000-0000-0000-0000-000000000002', 'Old Film', 'B001', 'B001C004', 'B001C004.mov prores',
                                   'B', '2026-11-20T09:00:00.0000000Z', 'prores', '1920x1080', 1, 'warning', 'person' || char(31) || 'car');
        INSERT INTO segments VALUES ((7 << 20) + 0, '30000000-0000-0000-0000-000000000002', 'Old Film', 'B001C004', 0.0, 1.0, 'slate', 'scene 4 take 2', 0.7);
        INSERT INTO segments VALUES ((7 << 20) + 1, '30000000-0000-0000-0000-000000000002', 'Old Film', 'B001C004', 3.0, 5.5, 'transcript', 'The vineyard at dusk.', 0.9);
        INSERT INTO asset_docs (asset_docs) VALUES ('rebuild');
        INSERT INTO asset_tags VALUES ('person', '30000000-0000-0000-0000-000000000002'), ('car', '30000000-0000-0000-0000-000000000002');
        PRAGMA user_version = 2;
        """;

    [Test]
    public async Task EnsureCreated_OnALayout2File_ConvertsItKeepingEveryClipFieldAndHit_AndPrefixesWorkOnTheOldText()
    {
        using var folder = new TempFolder("search-upgrade");
        var path = folder.File("search.db");
        await CreateAsync(path, Layout2);

        var index = new SqliteFtsSearchIndex(path);
        await index.EnsureCreatedAsync(CancellationToken.None);
        await new SqliteFtsSearchIndex(path).EnsureCreatedAsync(CancellationToken.None);

        var filter = new SearchFilter { Camera = "B", Codec = "prores", Resolution = "1920x1080", Tags = ["car", "person"], HasFaces = true, QcStatus = "warning" };
        var results = await index.SearchAsync(new SearchRequest("viney*") { Filter = filter }, CancellationToken.None);
        var clip = results.Clips.ShouldHaveSingleItem();
        (clip.ClipName, clip.Project, clip.Card, clip.RecordedAt).ShouldBe(("B001C004", "Old Film", "B001", new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc)));
        var hit = clip.Hits.ShouldHaveSingleItem();
        (hit.Start, hit.End, hit.Source, hit.Confidence).ShouldBe((3.0, 5.5, SegmentSources.Transcript, 0.9));
        results.Facets[FacetNames.Tag].Select(f => f.Value).ShouldBe(["car", "person"], ignoreOrder: true);
        (await index.SearchAsync(new SearchRequest("take"), CancellationToken.None)).Clips.ShouldHaveSingleItem().Hits.Single().Source.ShouldBe(SegmentSources.Slate);
        SqliteConnection.ClearAllPools();
    }

    private static async Task CreateAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

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
