using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Hosting;
using Mam.Media.Waveforms;
using Mam.Storage;
using Mam.Storage.Originals;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Waveforms;

/// <summary>Draws the clip's audio as peaks (JSON) for the clip page to show under the player, so an
/// editor sees where the talking, the clap and the silence are before pressing play.</summary>
public sealed class WaveformStage(
    IDbContextFactory<CatalogDbContext> catalog,
    IObjectStore store,
    WorkFolders work,
    OriginalCache originals,
    FfmpegWaveformReader reader,
    TimeProvider clock) : IPipelineStage
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

        using var folder = work.Create("waveform");
        Waveform waveform;
        await using (var original = await originals.OpenAsync(asset.SourceFile!.StorageKey, asset.SourceFile.Size, asset.SourceFile.Xxh64, cancellationToken).ConfigureAwait(false))
        {
            waveform = await reader.ReadAsync(original.Path, folder.Path, cancellationToken).ConfigureAwait(false);
        }

        var file = folder.File("waveform.json");
        await using (var json = File.Create(file))
        {
            await JsonSerializer.SerializeAsync(json, waveform, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await StoredRenditions.SaveAsync(db, store, assetId,
            [new MadeRendition(RenditionKind.Waveform, file, "waveform.json", "application/json")],
            clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        return StageOutcome.Done($"Waveform of {waveform.Length} points ({FfmpegWaveformReader.PixelsPerSecond} a second).");
    }
}
