using System.Globalization;
using System.Text.Json;
using Mam.Search.Text;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Reads the hits of the listed clips, with snippets, in one pass over the matches per table:
/// bm25 computes its term statistics over the whole index once per statement, so one statement for all
/// listed clips costs one scan where one statement per clip would cost one each. Only matches whose
/// clip is listed (rowid &gt;&gt; 20) get a snippet and a score.</summary>
internal static class SqliteHitQuery
{
    // snippet(): markers are control characters (never present in indexed text), "…" = char(8230),
    // about 12 tokens of context. Confidence is not an FTS column; it is read from the content row.
    private static readonly string SegmentHitsSql = string.Create(CultureInfo.InvariantCulture, $"""
        SELECT rowid >> {SqliteDocumentWriter.SegmentBits}, start, "end", source,
               (SELECT confidence FROM segments WHERE id = segment_docs.rowid),
               snippet(segment_docs, {SqliteFtsSchema.SegmentTextColumn}, char(2), char(3), char(8230), 12),
               -bm25(segment_docs)
        FROM segment_docs
        WHERE segment_docs MATCH $match
          AND (rowid >> {SqliteDocumentWriter.SegmentBits}) IN (SELECT value FROM json_each($clips));
        """);

    private const string AssetHitsSql = """
        SELECT rowid, snippet(asset_docs, -1, char(2), char(3), char(8230), 12)
        FROM asset_docs
        WHERE asset_docs MATCH $match AND rowid IN (SELECT value FROM json_each($clips));
        """;

    /// <returns>Hits by clip row id, at most <see cref="SearchLimits.MaxHitsPerClip"/> (the best) per clip.</returns>
    public static async Task<Dictionary<long, List<SearchHit>>> ReadAsync(
        SqliteConnection connection, SqliteTransaction snapshot, string match, IReadOnlyList<ClipRow> clips, CancellationToken cancellationToken)
    {
        var byRow = clips.ToDictionary(c => c.RowId);
        var hits = clips.ToDictionary(c => c.RowId, _ => new List<SearchHit>());
        var withAssetHit = clips.Where(c => c.AssetScore is not null).Select(c => c.RowId).ToList();
        if (withAssetHit.Count > 0)
        {
            await using var command = Command(connection, snapshot, AssetHitsSql, match, withAssetHit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var clip = byRow[reader.GetInt64(0)];
                hits[clip.RowId].Add(new SearchHit(clip.AssetId, clip.ClipName, SearchHitKinds.Asset, null, null,
                    SnippetMarkup.ToHtml(reader.IsDBNull(1) ? string.Empty : reader.GetString(1)), clip.AssetScore!.Value)
                {
                    Source = SegmentSources.Clip,
                });
            }
        }

        var withSegmentHits = clips.Where(c => c.SegmentScore is not null).Select(c => c.RowId).ToList();
        if (withSegmentHits.Count > 0)
        {
            await using var command = Command(connection, snapshot, SegmentHitsSql, match, withSegmentHits);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var clip = byRow[reader.GetInt64(0)];
                hits[clip.RowId].Add(new SearchHit(
                    clip.AssetId,
                    clip.ClipName,
                    SearchHitKinds.Segment,
                    reader.GetDouble(1),
                    reader.GetDouble(2),
                    SnippetMarkup.ToHtml(reader.IsDBNull(5) ? string.Empty : reader.GetString(5)),
                    reader.GetDouble(6))
                {
                    Source = reader.GetString(3),
                    Confidence = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                });
            }
        }

        foreach (var list in hits.Values.Where(l => l.Count(h => h.Start is not null) > SearchLimits.MaxHitsPerClip))
        {
            var best = list.Where(h => h.Start is not null).OrderByDescending(h => h.Score).Take(SearchLimits.MaxHitsPerClip).ToHashSet();
            list.RemoveAll(h => h.Start is not null && !best.Contains(h));
        }

        return hits;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction snapshot, string sql, string match, List<long> clipRows)
    {
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$clips", JsonSerializer.Serialize(clipRows));
        return command;
    }
}
