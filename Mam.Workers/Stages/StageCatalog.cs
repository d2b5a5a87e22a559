using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages;

/// <summary>Catalog reads the stages share.</summary>
internal static class StageCatalog
{
    /// <summary>Tracked: stages change the asset they load.</summary>
    public static async Task<Asset> LoadAssetAsync(CatalogDbContext db, Guid assetId, CancellationToken cancellationToken) =>
        await db.Assets.WithCardAndSource()
            .SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken).ConfigureAwait(false)
        ?? throw new Pipeline.StageFailedException($"Asset {assetId} is not in the catalog.");

    /// <summary>The probe's answers, which every stage after it reads.</summary>
    public static TechnicalMetadata TechnicalOf(Asset asset) =>
        asset.Technical ?? throw new Pipeline.StageFailedException("The clip has no technical metadata yet; the probe stage must succeed first.");

    /// <summary>Clips with their source file and their card's project: what a stage, and a clip's
    /// search document (<see cref="Indexing.ClipDocument.From"/>), read about a clip.</summary>
    public static IQueryable<Asset> WithCardAndSource(this IQueryable<Asset> assets) =>
        assets.Include(a => a.SourceFile).Include(a => a.Card).ThenInclude(c => c!.Project);
}
