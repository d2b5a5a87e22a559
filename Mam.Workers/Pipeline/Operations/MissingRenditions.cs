using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>A catalogued rendition whose object the store no longer has.</summary>
public sealed record MissingRendition(Guid AssetId, string ClipName, RenditionKind Kind, string StorageKey);

/// <summary>Asks the store, rendition by rendition, whether each catalogued rendition is still there.</summary>
public sealed class MissingRenditions(IObjectStore store)
{
    public async Task<List<MissingRendition>> FindAsync(CatalogDbContext db, IReadOnlyCollection<Guid> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var renditions = await db.Renditions.AsNoTracking()
            .Where(r => assets.Contains(r.AssetId))
            .Join(db.Assets, r => r.AssetId, a => a.Id, (r, a) => new { r.AssetId, a.ClipName, r.Kind, r.StorageKey })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var missing = new List<MissingRendition>();
        foreach (var r in renditions)
        {
            if (await store.GetSizeAsync(r.StorageKey, cancellationToken).ConfigureAwait(false) is null)
            {
                missing.Add(new MissingRendition(r.AssetId, r.ClipName, r.Kind, r.StorageKey));
            }
        }
        return missing;
    }

    /// <summary>The stages that make them again, per clip.</summary>
    public static IEnumerable<(Guid AssetId, IReadOnlyList<StageName> Stages)> Makers(IEnumerable<MissingRendition> missing) =>
        missing.GroupBy(m => m.AssetId).Select(g => (g.Key,
            (IReadOnlyList<StageName>)g.Select(m => StageRegistry.MakerOf(m.Kind)).OfType<StageDefinition>().Select(s => s.Name).Distinct().ToList()));
}
