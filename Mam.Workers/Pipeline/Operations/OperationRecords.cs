using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>Keeps the record of an operation whose work runs elsewhere (a re-index is a Hangfire job
/// on whichever host runs a job server): its progress after each batch, and how it ended. A record
/// that has ended is never changed again.</summary>
public sealed class OperationRecords(IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock)
{
    /// <summary>Clips gone through so far, of <paramref name="total"/>: the operation is running. A run
    /// taken up again after its host went away starts counting from the first clip again.</summary>
    public async Task ReportAsync(Guid id, int total, int processed, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        await Unfinished(db).Where(o => o.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.Status, OperationStatus.Running)
            .SetProperty(o => o.Total, total)
            .SetProperty(o => o.Processed, processed)
            .SetProperty(o => o.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
    }

    /// <param name="status">Done or Failed.</param>
    /// <param name="error">Why it failed; for one that finished, what it could not do.</param>
    public async Task EndAsync(Guid id, OperationStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        error = error is { Length: > 4000 } ? error[..4000] : error;
        await Unfinished(db).Where(o => o.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.Status, status)
            .SetProperty(o => o.Error, error)
            .SetProperty(o => o.UpdatedAt, now)
            .SetProperty(o => o.FinishedAt, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Operations of this kind still recorded as queued or running although the caller knows
    /// none is (its job was deleted on the dashboard before it ran, or the catalog was unreachable when
    /// it ended): they are marked failed, with <paramref name="why"/>, so no record says "running" forever.</summary>
    public async Task<int> CloseLeftOverAsync(OperationKind kind, string why, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        return await Unfinished(db).Where(o => o.Kind == kind).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.Status, OperationStatus.Failed)
            .SetProperty(o => o.Error, why)
            .SetProperty(o => o.UpdatedAt, now)
            .SetProperty(o => o.FinishedAt, now), cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<PipelineOperation> Unfinished(CatalogDbContext db) =>
        db.PipelineOperations.Where(o => o.Status == OperationStatus.Queued || o.Status == OperationStatus.Running);
}
