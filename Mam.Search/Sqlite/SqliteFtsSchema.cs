using System.Globalization;

namespace Mam.Search.Sqlite;

/// <summary>DDL of the search file (layout 3). Plain tables hold what is stored; FTS5 tables over them
/// (external content, https://www.sqlite.org/fts5.html#external_content_tables, kept in step by
/// triggers) hold only the full-text index.
/// <list type="bullet">
/// <item><c>clips</c>: one row per clip, its filter and facet fields (searches keep these in memory as
/// small integer codes, <see cref="ClipTable"/>), the <c>generation</c> that last wrote it, and its
/// segment and word counts for ranking.</item>
/// <item><c>segments</c>: only what a hit shows. A segment's rowid is (its clip's rowid &lt;&lt; 20) +
/// ordinal, so a full-text match names its clip without reading a row, a clip's segments are one rowid
/// range (replaced and read by range: no index on a clip column, no clip fields repeated per segment).</item>
/// <item><c>segment_docs</c> (stemmed: "boats" finds "boat") and <c>segment_words</c> (words as
/// typed, with a prefix index for 3-letter prefixes): the porter stemmer also stems a typed prefix, so
/// "viney*" would look for "vinei…" and miss "vineyard". A search with a prefix runs on
/// <c>segment_words</c>.</item>
/// <item><c>segment_shingles</c> (layout 4): each segment's stemmed tokens, adjacent pairs and triples
/// as single terms, rowids only (<see cref="Shingles.ShingleText"/>): a phrase of up to three words is one
/// term lookup. Written by <see cref="SqliteDocumentWriter"/> (the stems come from FTS5's tokenizer,
/// read in C#), removed with its segment by trigger.</item>
/// <item><c>clip_docs</c>: clip names, cards and metadata as typed (identifiers, paths, codec names:
/// nothing to stem), as Elasticsearch's identifier fields.</item>
/// <item><c>search_state.generation</c> counts write transactions; <c>removed_clips</c> logs removals:
/// a process holding the clips in memory catches up on what other processes wrote.</item>
/// </list></summary>
internal static class SqliteFtsSchema
{
    /// <summary>Stored in PRAGMA user_version. 1: text only; 2: filter fields, tags, confidence,
    /// segment rowids derived from their clip's; 3: lean rows, word times, unstemmed prefixes,
    /// generations; 4: the word-pair (shingle) table (older files are converted on start,
    /// <see cref="SqliteLayoutUpgrade"/>).</summary>
    public const int Version = 4;

    /// <summary>Bits of a segment's rowid that number it inside its clip.</summary>
    public const int SegmentBits = 20;

    // porter wraps unicode61: dialogue search wants "boats" to find "boat" and "running" to find "run".
    // Porter applies the same stemming to the query so phrases still line up, and only stems
    // ASCII-looking words. remove_diacritics 2 folds café to cafe on both sides.
    public const string Stemmed = "porter unicode61 remove_diacritics 2";
    private const string AsTyped = "unicode61 remove_diacritics 2";

    // columnsize=0: no per-row token counts (the %_docsize tables, 12 bytes a segment each): they only
    // serve FTS5's bm25(), which segment searches no longer call (Clips/Bm25.cs).
    // prefix='3': shorter prefixes are refused (UserQuery.MinPrefixLength); a 3-letter prefix stands
    // for the most words, so it gets its own index; longer ones are merged from few terms.
    private const string Prefixes = "prefix = '3'";

    // The shingle table's terms are already tokens: split on spaces only, "_" joins a pair's tokens;
    // ascii keeps every non-ASCII byte inside a token and folds nothing a stem could still contain.
    // contentless_delete: rows are removed by rowid without the text they were written with.
    private const string ShingleTable = """
        segment_shingles USING fts5(
            shingles, content = '', contentless_delete = 1, detail = none, tokenize = "ascii tokenchars '_'")
        """;

    public static readonly string CreateShinglesSql = $"""
        CREATE VIRTUAL TABLE IF NOT EXISTS {ShingleTable};

        CREATE TRIGGER IF NOT EXISTS segments_after_delete_shingles AFTER DELETE ON segments BEGIN
            DELETE FROM segment_shingles WHERE rowid = old.id;
        END;
        """;

    public static readonly string CreateSql = string.Create(CultureInfo.InvariantCulture, $"""
        CREATE TABLE IF NOT EXISTS clips (
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
            tags        TEXT NOT NULL DEFAULT '',
            segments    INTEGER NOT NULL DEFAULT 0,
            words       INTEGER NOT NULL DEFAULT 0,
            generation  INTEGER NOT NULL);

        CREATE INDEX IF NOT EXISTS clips_by_generation ON clips (generation);

        CREATE VIRTUAL TABLE IF NOT EXISTS clip_docs USING fts5(
            card, clip_name, metadata,
            content = 'clips', content_rowid = 'id', tokenize = '{AsTyped}', {Prefixes});

        CREATE TABLE IF NOT EXISTS segments (
            id         INTEGER PRIMARY KEY,
            start      REAL NOT NULL,
            "end"      REAL NOT NULL,
            source     TEXT NOT NULL,
            confidence REAL,
            text       TEXT NOT NULL,
            words      BLOB);

        CREATE VIRTUAL TABLE IF NOT EXISTS segment_docs USING fts5(
            text, content = 'segments', content_rowid = 'id', tokenize = '{Stemmed}', columnsize = 0);

        CREATE VIRTUAL TABLE IF NOT EXISTS segment_words USING fts5(
            text, content = 'segments', content_rowid = 'id', tokenize = '{AsTyped}', {Prefixes}, columnsize = 0);

        CREATE TABLE IF NOT EXISTS search_state (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            generation INTEGER NOT NULL);
        INSERT OR IGNORE INTO search_state (id, generation) VALUES (1, 0);

        CREATE TABLE IF NOT EXISTS removed_clips (
            generation INTEGER NOT NULL,
            id         INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS removed_clips_by_generation ON removed_clips (generation);

        CREATE TRIGGER IF NOT EXISTS clips_after_insert AFTER INSERT ON clips BEGIN
            INSERT INTO clip_docs (rowid, card, clip_name, metadata) VALUES (new.id, new.card, new.clip_name, new.metadata);
        END;

        CREATE TRIGGER IF NOT EXISTS clips_after_update AFTER UPDATE ON clips BEGIN
            INSERT INTO clip_docs (clip_docs, rowid, card, clip_name, metadata) VALUES ('delete', old.id, old.card, old.clip_name, old.metadata);
            INSERT INTO clip_docs (rowid, card, clip_name, metadata) VALUES (new.id, new.card, new.clip_name, new.metadata);
        END;

        CREATE TRIGGER IF NOT EXISTS clips_after_delete AFTER DELETE ON clips BEGIN
            INSERT INTO clip_docs (clip_docs, rowid, card, clip_name, metadata) VALUES ('delete', old.id, old.card, old.clip_name, old.metadata);
        END;

        CREATE TRIGGER IF NOT EXISTS segments_after_insert AFTER INSERT ON segments BEGIN
            INSERT INTO segment_docs (rowid, text) VALUES (new.id, new.text);
            INSERT INTO segment_words (rowid, text) VALUES (new.id, new.text);
        END;

        CREATE TRIGGER IF NOT EXISTS segments_after_delete AFTER DELETE ON segments BEGIN
            INSERT INTO segment_docs (segment_docs, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO segment_words (segment_words, rowid, text) VALUES ('delete', old.id, old.text);
        END;

        {CreateShinglesSql}

        PRAGMA user_version = {Version};
        """);
}
