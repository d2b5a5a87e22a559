using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

public sealed partial class SqliteFtsSearchIndex
{
    public const int MaxLimit = 500;

    // Every matching segment is its own hit: an editor wants each timecode, not one per clip.
    // snippet(): markers are control characters (never present in indexed text), "…" = char(8230),
    // about 12 tokens of context. bm25() is lower-is-better, so Score is its negation.
    private static readonly string SegmentHitsSql = string.Create(CultureInfo.InvariantCulture, $"""
        SELECT asset_id, clip_name, start, "end",
               snippet(segment_docs, {SqliteFtsSchema.SegmentTextColumn}, char(2), char(3), char(8230), 12),
               bm25(segment_docs) AS score
        FROM segment_docs
        WHERE segment_docs MATCH $match AND ($project IS NULL OR project = $project)
        ORDER BY score
        LIMIT $limit;
        """);

    // Column weights (asset_id, project, card, clip_name, metadata): someone typing a clip's name wants
    // that clip above clips that merely mention the words in their metadata.
    private const string AssetHitsSql = """
        SELECT asset_id, clip_name, NULL, NULL,
               snippet(asset_docs, -1, char(2), char(3), char(8230), 12),
               bm25(asset_docs, 0.0, 0.0, 2.0, 4.0, 1.0) AS score
        FROM asset_docs
        WHERE asset_docs MATCH $match AND ($project IS NULL OR project = $project)
        ORDER BY score
        LIMIT $limit;
        """;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit is < 1 or > MaxLimit)
        {
            throw new SearchQueryException(string.Create(
                CultureInfo.InvariantCulture, $"The result limit must be between 1 and {MaxLimit}."));
        }

        var match = FtsQuery.ToMatchExpression(request.Query);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction = one WAL snapshot, so segment and asset hits agree even while a writer commits.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var hits = new List<SearchHit>();
        try
        {
            await ReadHitsAsync(connection, snapshot, SegmentHitsSql, SearchHitKinds.Segment, match, request, hits, cancellationToken)
                .ConfigureAwait(false);
            await ReadHitsAsync(connection, snapshot, AssetHitsSql, SearchHitKinds.Asset, match, request, hits, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SqliteException e) when (IsQueryError(e))
        {
            // FtsQuery only emits quoted strings and operators, so this is a safety net, not a path.
            throw new SearchQueryException("The search could not be understood; try plain words or a \"quoted phrase\".");
        }

        // The two tables' bm25 values come from different corpus statistics, but both reward rare words in
        // short fields, which is close enough to interleave them in one list for a person to scan.
        var ranked = hits
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.AssetId)
            .ThenBy(h => h.Start ?? -1)
            .Take(request.Limit)
            .ToList();
        return new SearchResults(request.Query, ranked);
    }

    // The messages FTS5 gives a MATCH expression it cannot parse.
    private static bool IsQueryError(SqliteException e) =>
        e.Message.Contains("fts5:", StringComparison.Ordinal)
        || e.Message.Contains("unterminated string", StringComparison.Ordinal);

    private static async Task ReadHitsAsync(
        SqliteConnection connection,
        SqliteTransaction snapshot,
        string sql,
        string kind,
        string match,
        SearchRequest request,
        List<SearchHit> hits,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$project", (object?)request.Project ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", request.Limit);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new SearchHit(
                AssetId: Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ClipName: reader.GetString(1),
                Kind: kind,
                Start: reader.IsDBNull(2) ? null : reader.GetDouble(2),
                End: reader.IsDBNull(3) ? null : reader.GetDouble(3),
                Snippet: SnippetMarkup.ToHtml(reader.IsDBNull(4) ? string.Empty : reader.GetString(4)),
                Score: -reader.GetDouble(5)));
        }
    }
}
