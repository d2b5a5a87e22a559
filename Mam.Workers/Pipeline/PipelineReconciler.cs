using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Pipeline;

/// <summary>Makes the catalog's intent happen even when messages were lost or a worker died:
/// stages whose lease ran out (their worker died) or that run past their deadline go back to pending
/// (or fail after MaxAttempts), ready stages left pending too long are published again, and clips
/// catalogued before a stage existed get it (<see cref="StageBackfill"/>).</summary>
public sealed class PipelineReconciler(
    IDbContextFactory<CatalogDbContext> catalog,
    StageDispatcher dispatcher,
    StageBackfill backfill,
    TimeProvider clock,
    IOptions<PipelineOptions> options,
    ILogger<PipelineReconciler> logger)
{
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - settings.StageDeadline;
        var quietBefore = now - settings.RepublishPendingAfter;

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var gaveUp = await db.PipelineStages
            .Where(s => s.Status == StageStatus.Running && (s.LeaseExpiresAt < now || s.StartedAt < staleBefore) && s.Attempts >= settings.MaxAttempts)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, StageStatus.Failed)
                .SetProperty(s => s.LeaseHolder, (string?)null)
                .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(s => s.LastError, $"Gave up after {settings.MaxAttempts} attempts: the worker running this stage stopped before it finished.")
                .SetProperty(s => s.FinishedAt, now)
                .SetProperty(s => s.UpdatedAt, now), cancellationToken).ConfigureAwait(false);

        var requeued = await db.PipelineStages
            .Where(s => s.Status == StageStatus.Running && (s.LeaseExpiresAt < now || s.StartedAt < staleBefore))
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, StageStatus.Pending)
                .SetProperty(s => s.LeaseHolder, (string?)null)
                .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(s => s.UpdatedAt, quietBefore), cancellationToken).ConfigureAwait(false);

        var backfilled = await backfill.BackfillAsync(cancellationToken).ConfigureAwait(false);
        var waiting = await db.PipelineStages.AsNoTracking()
            .Where(s => s.Status == StageStatus.Pending && s.UpdatedAt <= quietBefore)
            .Select(s => s.AssetId).Distinct().OrderBy(id => id).Take(10_000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        waiting = waiting.Union(backfilled).ToList();

        var published = await dispatcher.DispatchReadyAsync(waiting, cancellationToken).ConfigureAwait(false);
        if (gaveUp + requeued + published + backfilled.Count > 0)
        {
            logger.LogInformation("Reconciler: {GaveUp} stage(s) failed after too many attempts, {Requeued} stage(s) of a dead or hung worker requeued, {Backfilled} clip(s) given stages added since they were catalogued, {Published} command(s) re-published",
                gaveUp, requeued, backfilled.Count, published);
        }

        // Stages we just re-published are no longer "quiet": wait another full period before repeating.
        if (published > 0)
        {
            await db.PipelineStages
                .Where(s => waiting.Contains(s.AssetId) && s.Status == StageStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        }
        return published;
    }
}
