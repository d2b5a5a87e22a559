using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Hosting;
using Mam.Media.Probing;
using Mam.Media.Renditions;
using Mam.Media.Renditions.Proxies;
using Mam.Storage;
using Mam.Storage.Originals;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Stages.Proxies;

/// <summary>Makes the proxy, poster and filmstrip. They are made in a private work folder and only
/// stored and catalogued once all three exist, so a crash mid-encode never yields a rendition.</summary>
public sealed class ProxyStage(
    IDbContextFactory<CatalogDbContext> catalog,
    IObjectStore store,
    WorkFolders work,
    OriginalCache originals,
    IRenditionMaker renditions,
    TimeProvider clock,
    IOptions<PipelineOptions> options) : IPipelineStage
{

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        var technical = StageCatalog.TechnicalOf(asset);
        if (technical.VideoCodec is null)
        {
            return StageOutcome.Skipped("The clip has no video stream, so there is nothing to preview.");
        }

        var duration = technical.DurationSeconds ?? 0;
        using var folder = work.Create("proxy");
        var proxy = folder.File("proxy.mp4");
        var poster = folder.File("poster.jpg");
        var filmstrip = folder.File("filmstrip.jpg");
        var clip = new ProxyClip(asset.ClipName, technical.StartTimecode,
            technical is { FrameRateNumerator: { } numerator, FrameRateDenominator: { } denominator } ? new FrameRate(numerator, denominator) : null);
        ProxyMade proxyMade;
        await using (var original = await originals.OpenAsync(asset.SourceFile!.StorageKey, asset.SourceFile.Size, asset.SourceFile.Xxh64, cancellationToken).ConfigureAwait(false))
        {
            proxyMade = await renditions.MakeProxyAsync(original.Path, proxy, clip, null, cancellationToken).ConfigureAwait(false);
            // A third of the way in is past the slate and usually on the action.
            await renditions.MakePosterAsync(original.Path, poster, duration / 3, duration, cancellationToken).ConfigureAwait(false);
            await renditions.MakeFilmstripAsync(original.Path, filmstrip, duration, options.Value.FilmstripFrames, cancellationToken).ConfigureAwait(false);
        }

        MadeRendition[] made =
        [
            new(RenditionKind.Proxy, proxy, $"{asset.ClipName}.mp4", "video/mp4"),
            new(RenditionKind.Poster, poster, "poster.jpg", "image/jpeg"),
            new(RenditionKind.Filmstrip, filmstrip, "filmstrip.jpg", "image/jpeg"),
        ];
        await StoredRenditions.SaveAsync(db, store, assetId, made, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        // Says which encoder made the proxy and, when the GPU refused the clip, that it fell back and why.
        return StageOutcome.Done($"Made the {proxyMade}, poster and filmstrip.");
    }
}
