using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages;

/// <summary>A finished rendition file, ready to store.</summary>
public sealed record MadeRendition(RenditionKind Kind, string File, string Name, string ContentType);

/// <summary>Puts finished renditions into the store and catalogues them (replacing an earlier one of
/// the same kind). Called only once every file of a stage exists, so a stage that dies mid-way never
/// leaves a rendition behind that points at half a file.</summary>
internal static class StoredRenditions
{
    public static async Task SaveAsync(CatalogDbContext db, IObjectStore store, Guid assetId, IReadOnlyList<MadeRendition> made, DateTime now, CancellationToken cancellationToken)
    {
        var kinds = made.Select(m => m.Kind).ToList();
        var existing = await db.Renditions.Where(r => r.AssetId == assetId && kinds.Contains(r.Kind)).ToListAsync(cancellationToken).ConfigureAwait(false);
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
            row.ContentType = r.ContentType;
            row.Size = stored.Size;
            row.CreatedAt = now;
            row.CheckedAt = now;
            row.MissingSince = null;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
