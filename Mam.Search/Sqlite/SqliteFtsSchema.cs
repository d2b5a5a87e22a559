using System.Globalization;

namespace Mam.Search.Sqlite;

/// <summary>DDL of the search file. Each FTS5 table is an external-content table over a plain table
/// (https://www.sqlite.org/fts5.html#external_content_tables) kept in step by triggers: the plain tables
/// carry an index on asset_id, so replacing or removing one asset is an index lookup instead of a scan
/// of every FTS row (asset_id is UNINDEXED for full-text purposes). Filter fields live only in the
/// plain tables; a search joins them after the full-text match.
/// A segment's rowid is (its clip's rowid &lt;&lt; 20) + ordinal: a search learns the clip of every match
/// from the rowid alone. Reading asset_id instead costs a lookup in the content table per match, which
/// was a third of a broad query's time over a million segments (bench/search).</summary>
internal static class SqliteFtsSchema
{
    /// <summary>Stored in PRAGMA user_version. 1: text only; 2: filter fields, tags, confidence,
    /// segment rowids derived from their clip's.</summary>
    public const int Version = 2;

    /// <summary>Column of <c>segment_docs</c> that holds the searchable text (for snippet()).</summary>
    public const int SegmentTextColumn = 6;

    // porter wraps unicode61: dialogue search wants "boats" to find "boat" and "running" to find "run",
    // which plain unicode61 cannot do. Porter leaves "harbour" as "harbour", applies the same stemming to
    // the query so phrases still line up, and only stems ASCII-looking words, so non-English text is
    // tokenized exactly as unicode61 would. remove_diacritics 2 folds café to cafe on both sides.
    private const string Tokenizer = "porter unicode61 remove_diacritics 2";

    /// <summary>Version 1 files, before <see cref="CreateSql"/>: add the filter columns (NULL for clips
    /// indexed before, until they are indexed again) and set the old segments aside, with their
    /// full-text table, so they can be copied back under rowids derived from their clip's.</summary>
    public const string UpgradeFrom1BeforeSql = """
        ALTER TABLE assets ADD COLUMN camera TEXT;
        ALTER TABLE assets ADD COLUMN recorded_at TEXT;
        ALTER TABLE assets ADD COLUMN codec TEXT;
        ALTER TABLE assets ADD COLUMN resolution TEXT;
        ALTER TABLE assets ADD COLUMN has_faces INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE assets ADD COLUMN qc_status TEXT;
        ALTER TABLE assets ADD COLUMN tags TEXT NOT NULL DEFAULT '';
        DROP TRIGGER IF EXISTS segments_after_insert;
        DROP TRIGGER IF EXISTS segments_after_delete;
        DROP TABLE IF EXISTS segment_docs;
        DROP INDEX IF EXISTS segments_by_asset;
        ALTER TABLE segments RENAME TO segments_layout1;
        """;

    /// <summary>Version 1 files, after <see cref="CreateSql"/>: the old segments go back in clip order
    /// (the insert trigger indexes them again).</summary>
    public const string UpgradeFrom1AfterSql = """
        INSERT INTO segments (id, asset_id, project, clip_name, start, "end", source, text)
        SELECT (a.id << 20) + ROW_NUMBER() OVER (PARTITION BY old.asset_id ORDER BY old.id) - 1,
               old.asset_id, old.project, old.clip_name, old.start, old."end", old.source, old.text
        FROM segments_layout1 old JOIN assets a ON a.asset_id = old.asset_id;
        DROP TABLE segments_layout1;
        """;

    public static readonly string CreateSql = string.Create(CultureInfo.InvariantCulture, $"""
        CREATE TABLE IF NOT EXISTS assets (
            id          INTEGER PRIMARY KEY,
            asset_id    TEXT NOT NULL UNIQUE,
            project     TEXT NOT NULL,
            card        TEXT NOT NULL,
            clip_name   TEXT NOT NULL,
            metadata    TEXT NOT NULL,
            camera      TEXT,
            recorded_at TEXT,
            codec       TEXT,
            resolution  TEXT,
            has_faces   INTEGER NOT NULL DEFAULT 0,
            qc_status   TEXT,
            tags        TEXT NOT NULL DEFAULT '');

        CREATE VIRTUAL TABLE IF NOT EXISTS asset_docs USING fts5(
            asset_id UNINDEXED, project UNINDEXED, card, clip_name, metadata,
            content = 'assets', content_rowid = 'id', tokenize = '{Tokenizer}');

        CREATE TABLE IF NOT EXISTS segments (
            id         INTEGER PRIMARY KEY,
            asset_id   TEXT NOT NULL,
            project    TEXT NOT NULL,
            clip_name  TEXT NOT NULL,
            start      REAL NOT NULL,
            "end"      REAL NOT NULL,
            source     TEXT NOT NULL,
            text       TEXT NOT NULL,
            confidence REAL);

        CREATE INDEX IF NOT EXISTS segments_by_asset ON segments (asset_id);

        CREATE VIRTUAL TABLE IF NOT EXISTS segment_docs USING fts5(
            asset_id UNINDEXED, project UNINDEXED, clip_name UNINDEXED,
            start UNINDEXED, "end" UNINDEXED, source UNINDEXED, text,
            content = 'segments', content_rowid = 'id', tokenize = '{Tokenizer}');

        CREATE TRIGGER IF NOT EXISTS assets_after_insert AFTER INSERT ON assets BEGIN
            INSERT INTO asset_docs (rowid, asset_id, project, card, clip_name, metadata)
            VALUES (new.id, new.asset_id, new.project, new.card, new.clip_name, new.metadata);
        END;

        CREATE TRIGGER IF NOT EXISTS assets_after_delete AFTER DELETE ON assets BEGIN
            INSERT INTO asset_docs (asset_docs, rowid, asset_id, project, card, clip_name, metadata)
            VALUES ('delete', old.id, old.asset_id, old.project, old.card, old.clip_name, old.metadata);
        END;

        CREATE TRIGGER IF NOT EXISTS segments_after_insert AFTER INSERT ON segments BEGIN
            INSERT INTO segment_docs (rowid, asset_id, project, clip_name, start, "end", source, text)
            VALUES (new.id, new.asset_id, new.project, new.clip_name, new.start, new."end", new.source, new.text);
        END;

        CREATE TRIGGER IF NOT EXISTS segments_after_delete AFTER DELETE ON segments BEGIN
            INSERT INTO segment_docs (segment_docs, rowid, asset_id, project, clip_name, start, "end", source, text)
            VALUES ('delete', old.id, old.asset_id, old.project, old.clip_name, old.start, old."end", old.source, old.text);
        END;
        """);

    /// <summary>Tables and indexes version 2 added; run after <see cref="CreateSql"/> or the upgrade.</summary>
    public static readonly string CreateVersion2Sql = string.Create(CultureInfo.InvariantCulture, $"""
        CREATE TABLE IF NOT EXISTS asset_tags (
            tag      TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            PRIMARY KEY (tag, asset_id)) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS asset_tags_by_asset ON asset_tags (asset_id);
        CREATE INDEX IF NOT EXISTS assets_by_recording ON assets (recorded_at);
        CREATE INDEX IF NOT EXISTS assets_by_project ON assets (project, card);

        PRAGMA user_version = {Version};
        """);
}
