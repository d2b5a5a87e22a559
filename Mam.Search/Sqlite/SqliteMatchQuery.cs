using System.Globalization;
using System.Text.Json;
using Mam.Search.Sqlite.Clips;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mam.Search.Sqlite;

/// <summary>Finds the clips a search matches: one grouped statement over the segments' full-text
/// index (a match's clip is its rowid &gt;&gt; 20, so no row is read) and one over the clips' names,
/// cards and metadata. Nothing is scored per segment here: which clips are listed is decided from
/// these counts (<see cref="ClipSelector"/>), and only their hits are read and scored afterwards.</summary>
internal static class SqliteMatchQuery
{
    // bm25 over clip_docs is cheap (one row per clip). Column weights (card, clip_name, metadata):
    // someone typing a clip's name wants that clip above clips that merely mention the words.
    private const string AssetSql = """
        SELECT rowid, -bm25(clip_docs, 2.0, 4.0, 1.0) FROM clip_docs WHERE clip_docs MATCH $match;
        """;

    /// <param name="shingleMatch">The search over the word-pair table when it can answer it
    /// (<see cref="Shingles.ShingleQuery"/>): the same segments, without walking position lists.</param>
    /// <param name="onlyClips">When a filter lets few clips through (<see cref="ClipFilter.FewPassing"/>):
    /// only their matches are handed over; every match is still counted, for the rarity.</param>
    public static async Task<ClipMatches> ReadAsync(
        SqliteConnection connection, SqliteTransaction snapshot, UserQuery query, string? shingleMatch, IReadOnlyList<int>? onlyClips,
        CancellationToken cancellationToken)
    {
        var match = FtsQuery.ToMatchExpression(query);
        var table = shingleMatch is null ? FtsQuery.SegmentTable(query) : "segment_shingles";
        var clip = string.Create(CultureInfo.InvariantCulture, $"rowid >> {SqliteFtsSchema.SegmentBits}");
        var listed = onlyClips is null ? clip : $"CASE WHEN {clip} IN (SELECT value FROM json_each(?2)) THEN {clip} END";

        var assets = new Dictionary<long, double>();
        await using (var command = Command(connection, snapshot, AssetSql, match))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                assets[reader.GetInt64(0)] = reader.GetDouble(1);
            }
        }

        // One row: the matches' clips as one text ("7,7,9,…", in rowid order, so a clip's matches stand
        // together) rather than a row per clip from GROUP BY, read where SQLite holds it instead of as a
        // .NET string. Measured at a million segments for a phrase in 94,000 of them: GROUP BY 25 ms (a
        // sort of every match, then a row per clip through ADO.NET), this as a string 9.7 ms, as here
        // 6.6 ms; walking the match alone takes 3 ms. group_concat skips the NULLs of filtered-out clips.
        cancellationToken.ThrowIfCancellationRequested();
        var sql = $"SELECT count(*), group_concat({listed}) FROM {table} WHERE {table} MATCH ?1;";
        var database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
        using (statement)
        {
            Check(raw.sqlite3_bind_text(statement, 1, shingleMatch ?? match), database);
            if (onlyClips is not null)
            {
                Check(raw.sqlite3_bind_text(statement, 2, JsonSerializer.Serialize(onlyClips)), database);
            }

            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_ROW)
            {
                Check(step, database);
            }

            return ClipMatches.FromClipList(raw.sqlite3_column_blob(statement, 1), assets, raw.sqlite3_column_int64(statement, 0));
        }
    }

    private static void Check(int code, sqlite3 database)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(code, database);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction snapshot, string sql, string match)
    {
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$match", match);
        return command;
    }
}
