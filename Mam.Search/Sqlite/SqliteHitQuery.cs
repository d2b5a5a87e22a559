using System.Globalization;
using System.Text.Json;
using Mam.Search.Sqlite.Clips;
using Mam.Search.Text;
using Mam.Search.Words;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Reads the hits of the listed clips only, in one statement: the full-text match restricted
/// to the rowid span of the listed clips and to their clips (a segment's clip is its rowid &gt;&gt; 20), with
/// highlight() of the whole text for those rows only, which <see cref="WordHits"/> turns into hits at
/// the words' times. One statement per clip's rowid range was measured slower (about 1.8× at 500 000
/// segments): each execution parses the expression and sets up its iterators again, and a prefix is
/// expanded again each time. Scores are computed here (<see cref="Bm25"/>) from what the highlight
/// shows, not by FTS5's bm25(), which would count every match in the index again.</summary>
internal static class SqliteHitQuery
{
    // CROSS JOIN keeps the full-text table as the outer loop: one range scan of the match, then a rowid
    // lookup per matching segment of a listed clip (highlight() too runs for those rows only).
    private static string SegmentHitsSql(string table) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT {table}.rowid >> {SqliteFtsSchema.SegmentBits}, s.start, s."end", s.source, s.confidence, s.words,
               highlight({table}, 0, char(2), char(3))
        FROM {table} CROSS JOIN segments s ON s.id = {table}.rowid
        WHERE {table} MATCH $match AND {table}.rowid >= $first AND {table}.rowid < $after
          AND ({table}.rowid >> {SqliteFtsSchema.SegmentBits}) IN (SELECT value FROM json_each($clips));
        """);

    // snippet(): markers are control characters (never present in indexed text), "…" = char(8230),
    // about 12 tokens of context.
    private const string AssetHitSql = """
        SELECT snippet(clip_docs, -1, char(2), char(3), char(8230), 12) FROM clip_docs WHERE clip_docs MATCH $match AND rowid = $clip;
        """;

    // One clip's rowid range: FTS5 seeks each word's list to the clip instead of walking it from the start.
    private static string ClipHitsSql(string table) => string.Create(CultureInfo.InvariantCulture, $"""
        SELECT {table}.rowid >> {SqliteFtsSchema.SegmentBits}, s.start, s."end", s.source, s.confidence, s.words,
               highlight({table}, 0, char(2), char(3))
        FROM {table} CROSS JOIN segments s ON s.id = {table}.rowid
        WHERE {table} MATCH $match AND {table}.rowid >= $first AND {table}.rowid < $after;
        """);

    /// <param name="byClipRange">Read each listed clip by its own rowid range instead of one statement
    /// over the span of all of them. The span is most of the index when the listed clips are scattered,
    /// so one statement walks the phrase's position lists almost in full a second time; once the word-pair
    /// table has found the clips, that walk was most of what was left of a phrase search. A prefix keeps
    /// the one statement (it would be expanded again for every clip).</param>
    /// <returns>Hits per listed clip, at most <see cref="SearchLimits.MaxHitsPerClip"/> (the best) each.</returns>
    public static async Task<Dictionary<long, List<SearchHit>>> ReadAsync(
        SqliteConnection connection, SqliteTransaction snapshot, UserQuery query, ClipSelection selection, bool byClipRange,
        CancellationToken cancellationToken)
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

        var listed = selection.Listed.Where(c => c.HasSegmentMatch).ToList();
        var byRow = listed.ToDictionary(c => c.RowId);
        if (listed.Count > 0 && byClipRange)
        {
            await using var clipCommand = Command(connection, snapshot, ClipHitsSql(FtsQuery.SegmentTable(query)), match, "$first", "$after");
            foreach (var clip in listed)
            {
                clipCommand.Parameters["$first"].Value = clip.RowId << SqliteFtsSchema.SegmentBits;
                clipCommand.Parameters["$after"].Value = (clip.RowId + 1) << SqliteFtsSchema.SegmentBits;
                await ReadHitsAsync(clipCommand, query, selection, byRow, hits, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (listed.Count > 0)
        {
            await using var segmentCommand = Command(connection, snapshot, SegmentHitsSql(FtsQuery.SegmentTable(query)), match, "$first", "$after", "$clips");
            segmentCommand.Parameters["$first"].Value = listed.Min(c => c.RowId) << SqliteFtsSchema.SegmentBits;
            segmentCommand.Parameters["$after"].Value = (listed.Max(c => c.RowId) + 1) << SqliteFtsSchema.SegmentBits;
            segmentCommand.Parameters["$clips"].Value = JsonSerializer.Serialize(listed.Select(c => c.RowId));
            await ReadHitsAsync(segmentCommand, query, selection, byRow, hits, cancellationToken).ConfigureAwait(false);
        }

        foreach (var list in hits.Values)
        {
            ResultAssembly.KeepBest(list);
        }

        return hits;
    }

    private static async Task ReadHitsAsync(SqliteCommand command, UserQuery query, ClipSelection selection,
        Dictionary<long, ListedClip> byRow, Dictionary<long, List<SearchHit>> hits, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var clip = byRow[reader.GetInt64(0)];
            var found = WordHits.Find(
                reader.IsDBNull(6) ? string.Empty : reader.GetString(6),
                reader.GetDouble(1),
                reader.GetDouble(2),
                reader.IsDBNull(5) ? [] : (byte[])reader.GetValue(5),
                query.IsSingleClause);
            var score = selection.Rarity * Bm25.Weight(Math.Max(1, found.Occurrences), found.WordCount, selection.AverageWords);
            var source = reader.GetString(3);
            double? confidence = reader.IsDBNull(4) ? null : reader.GetDouble(4);
            hits[clip.RowId].AddRange(found.Hits.Select(h => new SearchHit(clip.AssetId, clip.ClipName, SearchHitKinds.Segment,
                h.Start, h.End, SnippetMarkup.ToHtml(h.Snippet), score)
            {
                Source = source,
                Confidence = confidence,
            }));
        }
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
