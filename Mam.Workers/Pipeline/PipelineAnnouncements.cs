using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Activity;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline;

/// <summary>Tells the project's followers what the pipeline did with a clip: failed (which step, why),
/// processed (every step done or skipped), and, with the card's last clip processed, the card complete.
/// Said once per settling: a clip processed again (a re-run) is announced again.</summary>
public sealed class PipelineAnnouncements(IDbContextFactory<CatalogDbContext> catalog, ActivitySignal signal, TimeProvider clock)
{
    public const string Actor = "pipeline";

    public async Task AnnounceAsync(Guid assetId, StageName stage, StageOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status is not (StageStatus.Failed or StageStatus.Done or StageStatus.Skipped))
        {
            return;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var clip = await db.Assets.AsNoTracking().Where(a => a.Id == assetId)
            .Select(a => new { a.ClipName, a.CardId, Card = a.Card!.Name, a.Card.ProjectId }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (clip is null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (outcome.Status == StageStatus.Failed)
        {
            await ProjectEvents.AddAsync(db, signal, clip.ProjectId, "clip-failed", assetId, Actor,
                $"{clip.ClipName} (card {clip.Card}) failed at the {stage.Value} step: {outcome.Error}", now, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var stages = await db.PipelineStages.AsNoTracking().Where(s => s.AssetId == assetId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (PipelinePlan.StateOf(stages) != AssetState.Ready)
        {
            return;
        }
        // Two last steps (the dialogue index and the full index) can settle at the same moment: the
        // clip is announced once for the round of work that began with its earliest start.
        var round = stages.Where(s => s.StartedAt is not null).Select(s => s.StartedAt!.Value).DefaultIfEmpty(now).Min();
        if (await db.ProjectEvents.AnyAsync(e => e.AssetId == assetId && e.Kind == "clip-processed" && e.At >= round, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        await ProjectEvents.AddAsync(db, signal, clip.ProjectId, "clip-processed", assetId, Actor,
            $"{clip.ClipName} (card {clip.Card}) is processed: proxy, transcript and analysis are ready", now, cancellationToken).ConfigureAwait(false);
        // The card is complete when no other clip of it has a step still to settle. Asked of the
        // catalog as the few step names still open, not as every step of every clip: a card of a
        // thousand clips would otherwise read its thirteen thousand steps once per clip processed.
        var openSteps = await db.PipelineStages.AsNoTracking()
            .Where(s => s.AssetId != assetId && s.Status != StageStatus.Done && s.Status != StageStatus.Skipped && db.Assets.Any(a => a.Id == s.AssetId && a.CardId == clip.CardId))
            .Select(s => s.Stage).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var othersReady = !openSteps.Any(StageRegistry.IsDeclared);
        if (othersReady && !await db.ProjectEvents.AnyAsync(e => e.Kind == "card-complete" && e.AssetId == null && e.Text.StartsWith("Card " + clip.Card + ":") && e.ProjectId == clip.ProjectId && e.At >= round, cancellationToken).ConfigureAwait(false))
        {
            var clips = await db.Assets.CountAsync(a => a.CardId == clip.CardId, cancellationToken).ConfigureAwait(false);
            await ProjectEvents.AddAsync(db, signal, clip.ProjectId, "card-complete", null, Actor,
                $"Card {clip.Card}: all {clips} clip(s) are processed", now, cancellationToken).ConfigureAwait(false);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
