using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

public sealed partial class SqliteFtsSearchIndex
{
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var plan = SearchPlan.For(request);
        var match = plan.IsBrowse ? null : FtsQuery.ToMatchExpression(plan.Query);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction = one WAL snapshot, so clips, hits and facets agree even while a writer commits.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        try
        {
            var rows = await SqliteClipQuery.ReadAsync(connection, snapshot, match, plan.Filter, cancellationToken).ConfigureAwait(false);
            var listed = (plan.IsBrowse ? BrowseOrder(rows) : RelevanceOrder(rows)).Take(plan.Limit).ToList();

            var hitsByClip = match is null
                ? []
                : await SqliteHitQuery.ReadAsync(connection, snapshot, match, listed, cancellationToken).ConfigureAwait(false);
            var clips = new List<ClipResult>(listed.Count);
            foreach (var row in listed)
            {
                var hits = hitsByClip.GetValueOrDefault(row.RowId) ?? [];
                clips.Add(new ClipResult(row.AssetId, row.ClipName, row.Project, row.Card, row.Camera, row.Score,
                    ResultAssembly.OrderWithinClip(hits))
                {
                    RecordedAt = row.RecordedAt,
                    Codec = row.Codec,
                    Resolution = row.Resolution,
                    QcStatus = row.QcStatus,
                    HasFaces = row.HasFaces,
                });
            }

            return new SearchResults(request.Query, ResultAssembly.FlatHits(clips, plan.Limit, plan.IsBrowse))
            {
                Clips = clips,
                TotalClips = rows.Count,
                Facets = ResultAssembly.CountFacets(rows.Select(r => r.Facts).ToList()),
            };
        }
        catch (SqliteException e) when (IsQueryError(e))
        {
            // FtsQuery only emits quoted strings and operators, so this is a safety net, not a path.
            throw new SearchQueryException("The search could not be understood; try plain words or a \"quoted phrase\".");
        }
    }

    private static IEnumerable<ClipRow> RelevanceOrder(List<ClipRow> rows) =>
        rows.OrderByDescending(r => r.Score).ThenBy(r => r.AssetId);

    /// <summary>Newest recording first (undated clips last), then by project, card and name: the order
    /// a browse by project or day reads naturally in. Elasticsearch sorts the same way.</summary>
    private static IEnumerable<ClipRow> BrowseOrder(List<ClipRow> rows) =>
        rows.OrderBy(r => r.RecordedAt is null)
            .ThenByDescending(r => r.RecordedAt)
            .ThenBy(r => r.Project, StringComparer.Ordinal)
            .ThenBy(r => r.Card, StringComparer.Ordinal)
            .ThenBy(r => r.ClipName, StringComparer.Ordinal)
            .ThenBy(r => r.AssetId);

    // The messages FTS5 gives a MATCH expression it cannot parse.
    private static bool IsQueryError(SqliteException e) =>
        e.Message.Contains("fts5:", StringComparison.Ordinal)
        || e.Message.Contains("unterminated string", StringComparison.Ordinal);
}
