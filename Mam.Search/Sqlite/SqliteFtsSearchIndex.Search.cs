using Mam.Search.Sqlite.Clips;
using Mam.Search.Sqlite.Shingles;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

public sealed partial class SqliteFtsSearchIndex
{
    /// <summary>Every search reads one snapshot: the generation, then one full-text statement (the
    /// matching clips and how many of their segments match; only the clips a selective filter lets
    /// through, <see cref="ClipFilter.FewPassing"/>), then, in memory, filters, ranking
    /// with a bounded heap and facets over every matching clip (<see cref="ClipSelector"/>), then the
    /// hits of the listed clips only, by rowid range (<see cref="SqliteHitQuery"/>).</summary>
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = SearchPlan.For(request);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction = one WAL snapshot, so clips, hits and facets agree even while a writer commits.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        try
        {
            var generation = await ReadGenerationAsync(connection, snapshot, cancellationToken).ConfigureAwait(false);
            var shingleMatch = plan.IsBrowse ? null : ShingleQuery.TryRender(plan.Query);
            using var matches = plan.IsBrowse
                ? null
                : await SqliteMatchQuery.ReadAsync(connection, snapshot, plan.Query, shingleMatch,
                    await PassingClipsAsync(connection, snapshot, generation, plan, cancellationToken).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);

            ClipSelection selection;
            await _clips.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _clips.CatchUpAsync(connection, snapshot, generation, cancellationToken).ConfigureAwait(false);
                selection = ClipSelector.Select(_clips, plan, matches);
            }
            finally
            {
                _clips.Gate.Release();
            }

            var hitsByClip = plan.IsBrowse || selection.Listed.Count == 0
                ? []
                : await SqliteHitQuery.ReadAsync(connection, snapshot, plan.Query, selection, byClipRange: !plan.Query.HasPrefix, cancellationToken).ConfigureAwait(false);
            var clips = selection.Listed.Select(row => new ClipResult(row.AssetId, row.ClipName, row.Project, row.Card, row.Camera, row.Score,
                    ResultAssembly.OrderWithinClip(hitsByClip.GetValueOrDefault(row.RowId) ?? []))
                {
                    RecordedAt = row.RecordedAt,
                    Codec = row.Codec,
                    Resolution = row.Resolution,
                    QcStatus = row.QcStatus,
                    HasFaces = row.HasFaces,
                })
                .ToList();

            return new SearchResults(request.Query, ResultAssembly.FlatHits(clips, plan.Limit, plan.IsBrowse))
            {
                Clips = clips,
                TotalClips = selection.Total,
                Facets = selection.Facets,
            };
        }
        catch (SqliteException e) when (IsQueryError(e))
        {
            // FtsQuery only emits quoted strings and operators, so this is a safety net, not a path.
            throw new SearchQueryException("The search could not be understood; try plain words or a \"quoted phrase\".");
        }
    }

    /// <summary>The clips a selective filter lets through, for the full-text statement to hand over only
    /// theirs (<see cref="ClipFilter.FewPassing"/>). The gate is not held during the match, so searches
    /// still match side by side; the selection filters again afterwards, under the gate.</summary>
    private async Task<IReadOnlyList<int>?> PassingClipsAsync(
        SqliteConnection connection, SqliteTransaction snapshot, long generation, SearchPlan plan, CancellationToken cancellationToken)
    {
        await _clips.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _clips.CatchUpAsync(connection, snapshot, generation, cancellationToken).ConfigureAwait(false);
            return new ClipFilter(_clips, plan.Filter).FewPassing();
        }
        finally
        {
            _clips.Gate.Release();
        }
    }

    private static async Task<long> ReadGenerationAsync(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT generation FROM search_state WHERE id = 1;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }

    // The messages FTS5 gives a MATCH expression it cannot parse.
    private static bool IsQueryError(SqliteException e) =>
        e.Message.Contains("fts5:", StringComparison.Ordinal)
        || e.Message.Contains("unterminated string", StringComparison.Ordinal);
}
