using Mam.Core.Catalog;
using Mam.Core.Catalog.Entities;
using Mam.Core.Media.Speech;
using Mam.Core.Storage;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Transcripts;

/// <summary>Transcribes dialogue with word timings. A clip without audio is skipped, not failed:
/// B-roll and MOS takes are normal on a card.</summary>
public sealed class TranscribeStage(IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, ITranscriber transcriber) : IPipelineStage
{
    public StageName Name => StageName.Transcribe;

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        if (asset.Technical is not { } technical)
        {
            throw new StageFailedException("The clip has no technical metadata yet; the probe stage must succeed first.");
        }
        if (technical.AudioStreams == 0)
        {
            return StageOutcome.Skipped("The clip has no audio stream.");
        }

        Transcript transcript;
        await using (var original = await LocalObjectCopy.CreateAsync(store, asset.SourceFile!.StorageKey, cancellationToken).ConfigureAwait(false))
        {
            transcript = await transcriber.TranscribeAsync(original.Path, cancellationToken).ConfigureAwait(false);
        }

        // Replace, never append: a retried stage must not leave two transcripts. The execution
        // strategy re-runs the whole transaction if the database drops the connection midway.
        var rows = transcript.Segments.Select((segment, i) => new TranscriptSegment
        {
            Id = Guid.NewGuid(),
            AssetId = assetId,
            Sequence = i,
            Start = segment.Start,
            End = segment.End,
            Text = segment.Text,
            Engine = transcript.Engine,
            Words = segment.Words.Select(w => new TranscriptWordTiming(w.Word, w.Start, w.End, w.Confidence)).ToList(),
        }).ToList();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.TranscriptSegments.Where(s => s.AssetId == assetId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            db.TranscriptSegments.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var words = transcript.Segments.Sum(s => s.Words.Count);
        return words == 0
            ? StageOutcome.Done($"No speech recognised ({transcript.Engine}).")
            : StageOutcome.Done($"{transcript.Segments.Count} phrases, {words} words ({transcript.Engine}).");
    }
}
