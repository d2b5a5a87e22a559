using System.Globalization;
using Mam.Search.Sqlite.Clips;
using Microsoft.Data.Sqlite;

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
    public static async Task<ClipMatches> ReadAsync(
        SqliteConnection connection, SqliteTransaction snapshot, UserQuery query, string? shingleMatch, CancellationToken cancellationToken)
    {
        var match = FtsQuery.ToMatchExpression(query);
        var table = shingleMatch is null ? FtsQuery.SegmentTable(query) : "segment_shingles";
        var segments = new List<(long, int)>();
        await using (var command = Command(connection, snapshot, string.Create(CultureInfo.InvariantCulture, $"""
            SELECT rowid >> {SqliteFtsSchema.SegmentBits}, count(*) FROM {table}
            WHERE {table} MATCH $match GROUP BY 1;
            """), shingleMatch ?? match))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                segments.Add((reader.GetInt64(0), reader.GetInt32(1)));
            }
        }

        var assets = new Dictionary<long, double>();
        await using (var command = Command(connection, snapshot, AssetSql, match))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                assets[reader.GetInt64(0)] = reader.GetDouble(1);
            }
        }

        return new ClipMatches(segments, assets);
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
