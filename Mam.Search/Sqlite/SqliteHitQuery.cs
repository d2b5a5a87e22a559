using System.Globalization;
using Mam.Search.Text;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Reads the hits of one listed clip, with snippets. Its segments occupy one contiguous rowid
/// range (see <see cref="SqliteDocumentWriter"/>), and FTS5 applies a rowid range inside the match, so
/// this costs the clip's matches rather than every match in the index.</summary>
internal static class SqliteHitQuery
{
    // snippet(): markers are control characters (never present in indexed text), "…" = char(8230),
    // about 12 tokens of context. Confidence is not an FTS column; it is read from the content row.
    private static readonly string SegmentHitsSql = string.Create(CultureInfo.InvariantCulture, $"""
        SELECT start, "end", source,
               (SELECT confidence FROM segments WHERE id = segment_docs.rowid),
               snippet(segment_docs, {SqliteFtsSchema.SegmentTextColumn}, char(2), char(3), char(8230), 12),
               -bm25(segment_docs) AS score
        FROM segment_docs
        WHERE segment_docs MATCH $match
          AND segment_docs.rowid BETWEEN (SELECT min(id) FROM segments WHERE asset_id = $asset_id)
                                     AND (SELECT max(id) FROM segments WHERE asset_id = $asset_id)
          AND segment_docs.asset_id = $asset_id
        ORDER BY score DESC
        LIMIT {SearchLimits.MaxHitsPerClip};
        """);

    private const string AssetHitSql = """
        SELECT snippet(asset_docs, -1, char(2), char(3), char(8230), 12)
        FROM asset_docs
        WHERE asset_docs MATCH $match AND rowid = $id;
        """;

    public static async Task<List<SearchHit>> ReadAsync(
        SqliteConnection connection, SqliteTransaction snapshot, string match, ClipRow clip, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        if (clip.AssetScore is { } assetScore)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = AssetHitSql;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$id", clip.RowId);
            var snippet = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            hits.Add(new SearchHit(clip.AssetId, clip.ClipName, SearchHitKinds.Asset, null, null,
                SnippetMarkup.ToHtml(snippet ?? string.Empty), assetScore) { Source = SegmentSources.Clip });
        }

        if (clip.SegmentScore is not null)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = SegmentHitsSql;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$asset_id", SqliteFtsSearchIndex.FormatId(clip.AssetId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hits.Add(new SearchHit(
                    clip.AssetId,
                    clip.ClipName,
                    SearchHitKinds.Segment,
                    reader.GetDouble(0),
                    reader.GetDouble(1),
                    SnippetMarkup.ToHtml(reader.IsDBNull(4) ? string.Empty : reader.GetString(4)),
                    reader.GetDouble(5))
                {
                    Source = reader.GetString(2),
                    Confidence = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                });
            }
        }

        return hits;
    }
}
