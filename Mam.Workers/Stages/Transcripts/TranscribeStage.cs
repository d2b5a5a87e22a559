using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Media.Speech;
using Mam.Storage.Originals;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Stages.Transcripts;

/// <summary>Transcribes dialogue with word timings. A clip without audio is skipped and a silent one is
/// done with no phrases — B-roll and MOS takes are normal on a card, not failures. A speech server that
/// is unreachable is retried with the stage (handed back, the bus redelivers) and the stage fails with
/// the server's name only after Pipeline:MaxAttempts tries.</summary>
public sealed class TranscribeStage(
    IDbContextFactory<CatalogDbContext> catalog,
    OriginalCache originals,
    ITranscriber transcriber,
    IOptions<PipelineOptions> options) : IPipelineStage
{

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        var technical = StageCatalog.TechnicalOf(asset);
        if (technical.AudioStreams == 0)
        {
            return StageOutcome.Skipped("The clip has no audio stream.");
        }

        Transcript transcript;
        await using (var original = await originals.OpenAsync(asset.SourceFile!.StorageKey, asset.SourceFile.Size, asset.SourceFile.Xxh64, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                transcript = await transcriber.TranscribeAsync(original.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (SpeechEngineException ex)
            {
                return StageOutcome.Failed(ex.Message);
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                var attempts = await AttemptsAsync(db, assetId, cancellationToken).ConfigureAwait(false);
                if (attempts < options.Value.MaxAttempts)
                {
                    throw; // the runner hands the stage back and the bus tries again after a backoff
                }
                // No inner exception: a transient one inside would make the runner hand it back forever.
                throw new StageFailedException($"Gave up after {attempts} attempts: {ex.Message}");
            }
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
            Engine = transcript.Engine.Length > 64 ? transcript.Engine[..64] : transcript.Engine,
            Confidence = segment.Confidence,
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
        var summary = transcript.Segments.Count == 0
            ? $"No speech recognised ({transcript.Engine})."
            : $"{transcript.Segments.Count} phrases, {words} words ({transcript.Engine}).";
        return StageOutcome.Done(transcript.Note is { } note ? $"{summary} {note}" : summary);
    }

    /// <summary>The runner counted this run when it claimed the stage.</summary>
    private static Task<int> AttemptsAsync(CatalogDbContext db, Guid assetId, CancellationToken cancellationToken)
    {
        var stage = Pipeline.Registry.StageRegistry.Transcribe.Name;
        return db.PipelineStages.AsNoTracking()
            .Where(s => s.AssetId == assetId && s.Stage == stage)
            .Select(s => s.Attempts)
            .SingleAsync(cancellationToken);
    }
}
