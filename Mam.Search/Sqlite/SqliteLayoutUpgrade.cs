using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Converts a search file of layout 1, 2 or 3 to the current layout in place, inside the
/// caller's write transaction: the old tables are set aside, the new ones created, every clip read
/// back from the old rows and written again by the ordinary writer, the old tables dropped. Clips keep
/// being found as before; they gain word-level hits when re-indexed from the catalog (their words'
/// times were never in the old file). A failure rolls the whole conversion back.</summary>
internal static class SqliteLayoutUpgrade
{
    private const string SetAsideSql = """
        DROP TRIGGER IF EXISTS assets_after_insert;
        DROP TRIGGER IF EXISTS assets_after_delete;
        DROP TRIGGER IF EXISTS segments_after_insert;
        DROP TRIGGER IF EXISTS segments_after_delete;
        DROP TABLE IF EXISTS asset_docs;
        DROP TABLE IF EXISTS segment_docs;
        DROP TABLE IF EXISTS asset_tags;
        ALTER TABLE assets RENAME TO layout_old_assets;
        ALTER TABLE segments RENAME TO layout_old_segments;
        """;

    private const string DropOldSql = """
        DROP TABLE layout_old_segments;
        DROP TABLE layout_old_assets;
        """;

    /// <summary>Layout 3 to 4: only the word-pair table is new. It is filled from the stored segments'
    /// text (the same stems a new write makes), in batches of rows, inside the caller's transaction.</summary>
    /// <returns>How many segments got their word pairs.</returns>
    public static async Task<int> AddShinglesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, SqliteFtsSchema.CreateShinglesSql, cancellationToken).ConfigureAwait(false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT id, text FROM segments WHERE id > $after ORDER BY id LIMIT 2000;";
        var after = read.Parameters.Add(new SqliteParameter("$after", -1L));
        await using var writer = new SqliteDocumentWriter(connection, transaction);
        var total = 0;
        while (true)
        {
            var batch = new List<(long, string)>();
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    batch.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }

            if (batch.Count == 0)
            {
                break;
            }

            await writer.InsertShinglesAsync(batch, cancellationToken).ConfigureAwait(false);
            total += batch.Count;
            after.Value = batch[^1].Item1;
        }

        await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA user_version = {SqliteFtsSchema.Version};"), cancellationToken).ConfigureAwait(false);
        return total;
    }

    /// <returns>How many clips were converted.</returns>
    public static async Task<int> ConvertAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, SetAsideSql, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, SqliteFtsSchema.CreateSql, cancellationToken).ConfigureAwait(false);

        var clips = await ReadClipsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var hasConfidence = (await ColumnsAsync(connection, transaction, "layout_old_segments", cancellationToken).ConfigureAwait(false)).Contains("confidence");
        await using var segments = connection.CreateCommand();
        segments.Transaction = transaction;
        segments.CommandText = $"""
            SELECT start, "end", source, text, {(hasConfidence ? "confidence" : "NULL")}
            FROM layout_old_segments WHERE asset_id = $asset_id ORDER BY id;
            """;
        var assetId = segments.Parameters.Add(new SqliteParameter("$asset_id", DBNull.Value));

        await using var writer = new SqliteDocumentWriter(connection, transaction);
        foreach (var clip in clips)
        {
            assetId.Value = SqliteFtsSearchIndex.FormatId(clip.AssetId);
            var read = new List<SegmentDocument>();
            await using (var reader = await segments.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    read.Add(new SegmentDocument(reader.GetDouble(0), reader.GetDouble(1), reader.GetString(3), reader.GetString(2))
                    {
                        Confidence = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    });
                }
            }

            await writer.ReplaceAsync(clip with { Segments = read }, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, DropOldSql, cancellationToken).ConfigureAwait(false);
        return clips.Count;
    }

    /// <summary>The old clips with whichever filter columns their layout had (layout 1 had none).</summary>
    private static async Task<List<AssetDocument>> ReadClipsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(connection, transaction, "layout_old_assets", cancellationToken).ConfigureAwait(false);
        string Column(string name) => columns.Contains(name) ? name : "NULL";

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT asset_id, project, card, clip_name, metadata, {Column("camera")}, {Column("recorded_at")}, {Column("codec")},
                   {Column("resolution")}, {Column("has_faces")}, {Column("qc_status")}, {Column("tags")}
            FROM layout_old_assets ORDER BY id;
            """;
        var clips = new List<AssetDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
            clips.Add(new AssetDocument(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), [])
            {
                Camera = Text(5),
                RecordedAt = Text(6) is { } recorded
                    ? DateTime.ParseExact(recorded, SqliteDocumentWriter.InstantFormat, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                    : null,
                Codec = Text(7),
                Resolution = Text(8),
                HasFaces = !reader.IsDBNull(9) && reader.GetInt64(9) != 0,
                QcStatus = Text(10) is { } qc && QcStatuses.All.Contains(qc, StringComparer.Ordinal) ? qc : null,
                Tags = Text(11)?.Split(SqliteDocumentWriter.TagSeparator, StringSplitOptions.RemoveEmptyEntries) ?? [],
            });
        }

        return clips;
    }

    private static async Task<HashSet<string>> ColumnsAsync(SqliteConnection connection, SqliteTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}');";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
