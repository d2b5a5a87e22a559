using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages;

/// <summary>Catalog reads the stages share.</summary>
internal static class StageCatalog
{
    public static async Task<Asset> LoadAssetAsync(CatalogDbContext db, Guid assetId, CancellationToken cancellationToken) =>
        await db.Assets
            .Include(a => a.SourceFile)
            .Include(a => a.Card).ThenInclude(c => c!.Project)
            .SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken).ConfigureAwait(false)
        ?? throw new Pipeline.StageFailedException($"Asset {assetId} is not in the catalog.");
}
