using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>Goes through an operation's clips a batch at a time: re-runs the stages (or finds the
/// missing renditions and re-runs their makers), dispatches what became ready, and records progress
/// after each batch, so a host that stops mid-way is picked up where it was by the next run of the job.
/// The batch bounds both the catalog transaction and the commands put on the bus at once.</summary>
public sealed class OperationBatches(
    IDbContextFactory<CatalogDbContext> catalog,
    StageDispatcher dispatcher,
    MissingRenditions missingRenditions,
    TimeProvider clock,
    ILogger<OperationBatches> logger)
{
    public const int BatchSize = 100;

    public async Task<PipelineOperation> RunAsync(Guid operationId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var operation = await db.PipelineOperations.SingleOrDefaultAsync(o => o.Id == operationId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Pipeline operation {operationId} is not in the catalog.");
        if (operation.Status is OperationStatus.Done or OperationStatus.Failed)
        {
            return operation;
        }
        operation.Status = OperationStatus.Running;
        var stages = operation.Stages.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => new StageName(s)).ToList();
        var note = $"Re-run ({operation.Kind switch { OperationKind.RebuildMissing => "rebuild", _ => "asked" }}): {operation.Reason}";
        try
        {
            while (true)
            {
                var clips = await OperationScope.NextBatchAsync(db, operation, BatchSize, cancellationToken).ConfigureAwait(false);
                if (clips.Count == 0)
                {
                    break;
                }
                var now = clock.GetUtcNow().UtcDateTime;
                var count = default(RerunCount);
                if (operation.Kind == OperationKind.Rerun)
                {
                    count = await StageReruns.ApplyAsync(db, clips, stages, note, now, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var missing = await missingRenditions.FindAsync(db, clips, cancellationToken).ConfigureAwait(false);
                    operation.MissingFound += missing.Count;
                    foreach (var (assetId, makers) in MissingRenditions.Makers(missing))
                    {
                        count += await StageReruns.ApplyAsync(db, [assetId], makers, note, now, cancellationToken, withDependents: false).ConfigureAwait(false);
                    }
                }
                await dispatcher.DispatchReadyAsync(clips, cancellationToken).ConfigureAwait(false);
                operation.Processed += clips.Count;
                operation.StagesRequeued += count.Requeued;
                operation.StagesDeferred += count.Deferred;
                operation.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            operation.Status = OperationStatus.Done;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !TransientFailures.IsTransient(ex))
        {
            logger.LogError(ex, "Pipeline operation {OperationId} ({Scope}) failed", operation.Id, OperationScope.Describe(operation));
            operation.Status = OperationStatus.Failed;
            operation.Error = ex.Message.Length > 4000 ? ex.Message[..4000] : ex.Message;
        }
        operation.Total = Math.Max(operation.Total, operation.Processed);
        operation.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        operation.FinishedAt = operation.UpdatedAt;
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        logger.LogInformation("Pipeline operation {OperationId}: {Kind} for {Scope} ({Reason}): {Status}, {Requeued} stage run(s) queued, {Deferred} after their current run, {Missing} rendition(s) missing",
            operation.Id, operation.Kind, OperationScope.Describe(operation), operation.Reason, operation.Status, operation.StagesRequeued, operation.StagesDeferred, operation.MissingFound);
        return operation;
    }
}
