using System.Diagnostics;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Media.Processes;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Pipeline;

/// <summary>Runs a stage for an asset exactly once at a time: claims it atomically in the catalog
/// (so duplicate messages and competing workers are harmless), records the outcome, then
/// dispatches whatever became ready.</summary>
public sealed class StageRunner(
    IDbContextFactory<CatalogDbContext> catalog,
    StageDispatcher dispatcher,
    TimeProvider clock,
    IOptions<PipelineOptions> options,
    MamMetrics metrics,
    PipelineAnnouncements announcements,
    ILogger<StageRunner> logger)
{
    private readonly string holder = StageLease.ThisWorker;

    /// <param name="stage">The stage (as the registry names it) that <paramref name="handler"/> does.</param>
    public async Task RunAsync(Guid assetId, StageName stage, IPipelineStage handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var claimedAt = await TryClaimAsync(assetId, stage, cancellationToken).ConfigureAwait(false);
        if (claimedAt is null)
        {
            logger.LogDebug("{Stage} of asset {AssetId} is not runnable now (done, failed or running elsewhere)", stage, assetId);
            return;
        }

        var stageTag = MamTelemetry.TagValue(stage);
        using var activity = MamTelemetry.Source.StartActivity($"stage {stageTag}");
        activity?.SetTag("mam.stage", stageTag);
        activity?.SetTag("mam.asset_id", assetId);
        var started = Stopwatch.GetTimestamp();
        StageOutcome outcome;
        await using (var lease = StageLease.Hold(catalog, assetId, stage, holder, claimedAt.Value, options.Value, clock, logger))
        {
            using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            try
            {
                using (StageRegistry.Find(stage.Value) is { Background: true } ? ProcessPriority.Lower() : null)
                {
                    outcome = await handler.RunAsync(assetId, work.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: hand the stage back so the next start (or another worker) runs it.
                metrics.StageRan(stageTag, "cancelled", Stopwatch.GetElapsedTime(started));
                await RecordAsync(assetId, stage, new StageOutcome(StageStatus.Pending, null, null), CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            catch (Exception) when (lease.Lost.IsCancellationRequested)
            {
                // Whatever the stage made of its cancellation (a stopped ffmpeg, a cancelled upload), the
                // cause is the lost lease.
                metrics.StageRan(stageTag, "lease-lost", Stopwatch.GetElapsedTime(started));
                activity?.SetStatus(ActivityStatusCode.Error, lease.Loss.ToString());
                await StoppedAsync(assetId, stage, lease.Loss).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex))
            {
                // The catalog, store or another server is briefly away: hand the stage back and let the
                // bus retry the message with backoff (or the reconciler re-publish it later).
                metrics.StageRan(stageTag, "handed-back", Stopwatch.GetElapsedTime(started));
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                logger.LogWarning(ex, "{Stage} of asset {AssetId} is put back: a server it needs is unavailable", stage, assetId);
                await TryHandBackAsync(assetId, stage).ConfigureAwait(false);
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError(ex, "{Stage} failed for asset {AssetId}", stage, assetId);
                outcome = StageOutcome.Failed(ex.Message);
            }
        }

        metrics.StageRan(stageTag, MamTelemetry.TagValue(outcome.Status), Stopwatch.GetElapsedTime(started));
        activity?.SetTag("mam.outcome", MamTelemetry.TagValue(outcome.Status));
        if (outcome.Status == StageStatus.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
        }

        if (!await RecordAsync(assetId, stage, outcome, cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("{Stage} of asset {AssetId} finished after another worker took it over; its outcome is not recorded", stage, assetId);
            return;
        }
        logger.LogInformation("{Stage} of asset {AssetId}: {Status} {Detail}", stage, assetId, outcome.Status, outcome.Error ?? outcome.Note);
        await TryAnnounceAsync(assetId, stage, outcome, cancellationToken).ConfigureAwait(false);
        // Settled, or back to pending for a re-run asked while it ran: either way something may be ready.
        if (PipelinePlan.IsSettled(outcome.Status) || await IsPendingAsync(assetId, stage, cancellationToken).ConfigureAwait(false))
        {
            await dispatcher.DispatchReadyAsync([assetId], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After the lease was lost: a stage taken over belongs to its new holder (record nothing); a
    /// stage past its deadline is put back for another attempt, or failed once attempts are used up.</summary>
    private async Task StoppedAsync(Guid assetId, StageName name, LeaseLoss loss)
    {
        if (loss != LeaseLoss.DeadlinePassed)
        {
            logger.LogWarning("Stopped {Stage} of asset {AssetId}: another worker holds it now", name, assetId);
            return;
        }
        var settings = options.Value;
        await using var db = await catalog.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        var attempts = await db.PipelineStages.AsNoTracking().Where(s => s.AssetId == assetId && s.Stage == name)
            .Select(s => s.Attempts).SingleAsync(CancellationToken.None).ConfigureAwait(false);
        var ranFor = $"it ran longer than Pipeline:StageDeadline ({settings.StageDeadline}) and was stopped";
        var outcome = attempts >= settings.MaxAttempts
            ? StageOutcome.Failed($"Gave up after {attempts} attempts: {ranFor}.")
            : new StageOutcome(StageStatus.Pending, null, $"Attempt {attempts}: {ranFor}; it will be tried again.");
        await RecordAsync(assetId, name, outcome, CancellationToken.None).ConfigureAwait(false);
        logger.LogWarning("{Stage} of asset {AssetId}: {Status} {Detail}", name, assetId, outcome.Status, outcome.Error);
        await TryAnnounceAsync(assetId, name, outcome, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The followers hear of it; a catalog hiccup here never fails the stage that is already recorded.</summary>
    private async Task TryAnnounceAsync(Guid assetId, StageName stage, StageOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await announcements.AnnounceAsync(assetId, stage, outcome, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex) || ex is DbUpdateException)
        {
            logger.LogWarning(ex, "Could not announce {Stage} of asset {AssetId} to the project's followers", stage, assetId);
        }
    }

    private async Task TryHandBackAsync(Guid assetId, StageName name)
    {
        try
        {
            await RecordAsync(assetId, name, new StageOutcome(StageStatus.Pending, null, null), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFailures.IsTransient(ex))
        {
            // Still unreachable: the stage stays "running" until its lease runs out, then the reconciler requeues it.
            logger.LogWarning("Could not hand back {Stage} of asset {AssetId}; the reconciler will requeue it", name, assetId);
        }
    }

    /// <summary>When the stage was claimed, or null when it is not runnable now.</summary>
    private async Task<DateTime?> TryClaimAsync(Guid assetId, StageName name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - options.Value.StageDeadline;
        var leaseUntil = now + options.Value.LeaseDuration;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var stages = await db.PipelineStages.AsNoTracking().Where(s => s.AssetId == assetId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (!PipelinePlan.Ready(stages).Contains(name) && !stages.Any(s => s.Stage == name && s.Status == StageStatus.Running &&
                (s.LeaseExpiresAt < now || s.StartedAt < staleBefore)))
        {
            return null;
        }

        // The WHERE clause is the lock: only one claimant sees a row count of 1. A running row is taken over
        // when its lease ran out (its worker died) or, for a row claimed without a lease, past the deadline.
        var claimed = await db.PipelineStages
            .Where(s => s.AssetId == assetId && s.Stage == name &&
                        (s.Status == StageStatus.Pending ||
                         (s.Status == StageStatus.Running && (s.LeaseExpiresAt < now || s.StartedAt < staleBefore))))
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, StageStatus.Running)
                .SetProperty(s => s.Attempts, s => s.Attempts + 1)
                .SetProperty(s => s.StartedAt, now)
                .SetProperty(s => s.FinishedAt, (DateTime?)null)
                .SetProperty(s => s.LeaseHolder, holder)
                .SetProperty(s => s.LeaseExpiresAt, leaseUntil)
                .SetProperty(s => s.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        return claimed == 1 ? now : null;
    }

    /// <summary>Records the outcome and releases the lease; false (and nothing written) when this worker no
    /// longer holds the stage.</summary>
    private async Task<bool> IsPendingAsync(Guid assetId, StageName name, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.PipelineStages.AnyAsync(s => s.AssetId == assetId && s.Stage == name && s.Status == StageStatus.Pending, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RecordAsync(Guid assetId, StageName name, StageOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? finished = outcome.Status == StageStatus.Pending ? null : now;
        var error = outcome.Error is { Length: > 4000 } e ? e[..4000] : outcome.Error;
        var note = outcome.Note is { Length: > 1000 } n ? n[..1000] : outcome.Note;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ours = db.PipelineStages.Where(s => s.AssetId == assetId && s.Stage == name && s.Status == StageStatus.Running && s.LeaseHolder == holder);
        if (outcome.Status != StageStatus.Pending)
        {
            // A re-run was asked for while this run was going: what it made stays (it is complete),
            // and the stage goes round again with the settings the re-run was asked for.
            var again = await ours.Where(s => s.RerunRequested)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Status, StageStatus.Pending)
                    .SetProperty(s => s.RerunRequested, false)
                    .SetProperty(s => s.Attempts, 0)
                    .SetProperty(s => s.LastError, error)
                    .SetProperty(s => s.StartedAt, (DateTime?)null)
                    .SetProperty(s => s.LeaseHolder, (string?)null)
                    .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null)
                    .SetProperty(s => s.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
            if (again == 1)
            {
                logger.LogInformation("{Stage} of asset {AssetId} runs again: a re-run was asked for while it ran", name, assetId);
                return true;
            }
        }
        var recorded = await ours
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, outcome.Status)
                .SetProperty(s => s.LastError, error)
                .SetProperty(s => s.Note, note)
                .SetProperty(s => s.FinishedAt, finished)
                .SetProperty(s => s.LeaseHolder, (string?)null)
                .SetProperty(s => s.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(s => s.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        return recorded == 1;
    }
}
