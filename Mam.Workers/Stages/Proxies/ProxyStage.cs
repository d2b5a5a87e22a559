using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Hosting;
using Mam.Media.Renditions;
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
    public StageName Name => StageName.Proxy;

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        if (asset.Technical is not { } technical)
        {
            throw new StageFailedException("The clip has no technical metadata yet; the probe stage must succeed first.");
        }
        if (technical.VideoCodec is null)
        {
            return StageOutcome.Skipped("The clip has no video stream, so there is nothing to preview.");
        }

        var duration = technical.DurationSeconds ?? 0;
        using var folder = work.Create("proxy");
        var proxy = folder.File("proxy.mp4");
        var poster = folder.File("poster.jpg");
        var filmstrip = folder.File("filmstrip.jpg");
        await using (var original = await originals.OpenAsync(asset.SourceFile!.StorageKey, asset.SourceFile.Size, asset.SourceFile.Xxh64, cancellationToken).ConfigureAwait(false))
        {
            await renditions.MakeProxyAsync(original.Path, proxy, cancellationToken).ConfigureAwait(false);
            // A third of the way in is past the slate and usually on the action.
            await renditions.MakePosterAsync(original.Path, poster, duration / 3, duration, cancellationToken).ConfigureAwait(false);
            await renditions.MakeFilmstripAsync(original.Path, filmstrip, duration, options.Value.FilmstripFrames, cancellationToken).ConfigureAwait(false);
        }

        var made = new[]
        {
            (Kind: RenditionKind.Proxy, File: proxy, Name: $"{asset.ClipName}.mp4", ContentType: "video/mp4"),
            (Kind: RenditionKind.Poster, File: poster, Name: "poster.jpg", ContentType: "image/jpeg"),
            (Kind: RenditionKind.Filmstrip, File: filmstrip, Name: "filmstrip.jpg", ContentType: "image/jpeg"),
        };
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Renditions.Where(r => r.AssetId == assetId).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var r in made)
        {
            var key = ObjectKeys.Rendition(assetId, r.Kind.ToString(), r.Name);
            StoredObject stored;
            await using (var content = File.OpenRead(r.File))
            {
                stored = await store.PutAsync(key, content, null, cancellationToken).ConfigureAwait(false);
            }
            var row = existing.FirstOrDefault(e => e.Kind == r.Kind);
            if (row is null)
            {
                row = new Rendition { Id = Guid.NewGuid(), AssetId = assetId, Kind = r.Kind, StorageKey = key, ContentType = r.ContentType };
                db.Renditions.Add(row);
            }
            row.StorageKey = key;
            row.Size = stored.Size;
            row.CreatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return StageOutcome.Done("Proxy, poster and filmstrip made.");
    }
}
