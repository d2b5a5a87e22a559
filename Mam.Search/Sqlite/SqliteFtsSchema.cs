using System.Globalization;

namespace Mam.Search.Sqlite;

/// <summary>DDL of the search file. Each FTS5 table is an external-content table over a plain table
/// (https://www.sqlite.org/fts5.html#external_content_tables) kept in step by triggers: the plain tables
/// carry an index on asset_id, so replacing or removing one asset is an index lookup instead of a scan
/// of every FTS row (asset_id is UNINDEXED for full-text purposes).</summary>
internal static class SqliteFtsSchema
{
    /// <summary>Stored in PRAGMA user_version; bump with a migration when the DDL changes.</summary>
    public const int Version = 1;

    /// <summary>Column of <c>segment_docs</c> that holds the searchable text (for snippet()).</summary>
    public const int SegmentTextColumn = 6;

    // porter wraps unicode61: dialogue search wants "boats" to find "boat" and "running" to find "run",
    // which plain unicode61 cannot do. Porter leaves "harbour" as "harbour", applies the same stemming to
    // the query so phrases still line up, and only stems ASCII-looking words, so non-English text is
    // tokenized exactly as unicode61 would. remove_diacritics 2 folds café to cafe on both sides.
    private const string Tokenizer = "porter unicode61 remove_diacritics 2";

    public static readonly string CreateSql = string.Create(CultureInfo.InvariantCulture, $"""
        CREATE TABLE IF NOT EXISTS assets (
            id        INTEGER PRIMARY KEY,
            asset_id  TEXT NOT NULL UNIQUE,
            project   TEXT NOT NULL,
            card      TEXT NOT NULL,
            clip_name TEXT NOT NULL,
            metadata  TEXT NOT NULL);

        CREATE VIRTUAL TABLE IF NOT EXISTS asset_docs USING fts5(
            asset_id UNINDEXED, project UNINDEXED, card, clip_name, metadata,
            content = 'assets', content_rowid = 'id', tokenize = '{Tokenizer}');

        CREATE TABLE IF NOT EXISTS segments (
            id        INTEGER PRIMARY KEY,
            asset_id  TEXT NOT NULL,
            project   TEXT NOT NULL,
            clip_name TEXT NOT NULL,
            start     REAL NOT NULL,
            "end"     REAL NOT NULL,
            source    TEXT NOT NULL,
            text      TEXT NOT NULL);

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

        PRAGMA user_version = {Version};
        """);
}
