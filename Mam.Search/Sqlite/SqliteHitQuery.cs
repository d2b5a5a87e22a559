using System.Globalization;
using Mam.Search.Sqlite.Clips;
using Mam.Search.Text;
using Mam.Search.Words;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Reads the hits of the listed clips only: per clip, the full-text match restricted to its
/// rowid range (FTS5 seeks each doclist to the range instead of walking all matches), with
/// highlight() of the whole text, which <see cref="WordHits"/> turns into hits at the words' times.
/// Scores are computed here (<see cref="Bm25"/>) from what the highlight shows, not by FTS5's bm25(),
/// which would count every match in the index again.</summary>
internal static class SqliteHitQuery
{
    // CROSS JOIN keeps the full-text table as the outer loop: one range scan of the match, then a rowid
    // lookup per matching segment (not one full-text lookup per segment of the clip).
    private static string SegmentHitsSql(string table) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT s.start, s."end", s.source, s.confidence, s.words, highlight({table}, 0, char(2), char(3))
        FROM {table} CROSS JOIN segments s ON s.id = {table}.rowid
        WHERE {table} MATCH $match AND {table}.rowid >= $first AND {table}.rowid < $after;
        """);

    // snippet(): markers are control characters (never present in indexed text), "…" = char(8230),
    // about 12 tokens of context.
    private const string AssetHitSql = """
        SELECT snippet(clip_docs, -1, char(2), char(3), char(8230), 12) FROM clip_docs WHERE clip_docs MATCH $match AND rowid = $clip;
        """;

    /// <returns>Hits per listed clip, at most <see cref="SearchLimits.MaxHitsPerClip"/> (the best) each.</returns>
    public static async Task<Dictionary<long, List<SearchHit>>> ReadAsync(
        SqliteConnection connection, SqliteTransaction snapshot, UserQuery query, ClipSelection selection, CancellationToken cancellationToken)
    {
        var match = FtsQuery.ToMatchExpression(query);
        var hits = selection.Listed.ToDictionary(c => c.RowId, _ => new List<SearchHit>());

        await using var assetCommand = Command(connection, snapshot, AssetHitSql, match, "$clip");
        foreach (var clip in selection.Listed.Where(c => c.HasAssetMatch))
        {
            assetCommand.Parameters["$clip"].Value = clip.RowId;
            var snippet = await assetCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            hits[clip.RowId].Add(new SearchHit(clip.AssetId, clip.ClipName, SearchHitKinds.Asset, null, null,
                SnippetMarkup.ToHtml(snippet ?? string.Empty), clip.Score)
            {
                Source = SegmentSources.Clip,
            });
        }

        await using var segmentCommand = Command(connection, snapshot, SegmentHitsSql(FtsQuery.SegmentTable(query)), match, "$first", "$after");
        foreach (var clip in selection.Listed.Where(c => c.HasSegmentMatch))
        {
            segmentCommand.Parameters["$first"].Value = clip.RowId << SqliteFtsSchema.SegmentBits;
            segmentCommand.Parameters["$after"].Value = (clip.RowId + 1) << SqliteFtsSchema.SegmentBits;
            var list = hits[clip.RowId];
            await using var reader = await segmentCommand.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var found = WordHits.Find(
                    reader.IsDBNull(5) ? string.Empty : reader.GetString(5),
                    reader.GetDouble(0),
                    reader.GetDouble(1),
                    reader.IsDBNull(4) ? [] : (byte[])reader.GetValue(4),
                    query.IsSingleClause);
                var score = selection.Rarity * Bm25.Weight(Math.Max(1, found.Occurrences), found.WordCount, selection.AverageWords);
                var source = reader.GetString(2);
                double? confidence = reader.IsDBNull(3) ? null : reader.GetDouble(3);
                list.AddRange(found.Hits.Select(h => new SearchHit(clip.AssetId, clip.ClipName, SearchHitKinds.Segment,
                    h.Start, h.End, SnippetMarkup.ToHtml(h.Snippet), score)
                {
                    Source = source,
                    Confidence = confidence,
                }));
            }
        }

        foreach (var list in hits.Values)
        {
            ResultAssembly.KeepBest(list);
        }

        return hits;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction snapshot, string sql, string match, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$match", match);
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }
}
