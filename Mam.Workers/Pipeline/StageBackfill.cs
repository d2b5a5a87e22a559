using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline;

/// <summary>Gives clips catalogued before a stage existed that stage's row, pending, so a stage added
/// to the registry reaches every clip already in the catalog, not only new ones. Bounded per pass so
/// a catalog of a million clips fills in over a few reconciler runs instead of in one long transaction.</summary>
public sealed class StageBackfill(IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock)
{
    public const int BatchSize = 500;

    /// <returns>Rows added, and the clips they belong to (for dispatch).</returns>
    public async Task<IReadOnlyList<Guid>> BackfillAsync(CancellationToken cancellationToken)
    {
        var touched = new HashSet<Guid>();
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var stage in StageRegistry.All)
        {
            var name = stage.Name;
            var missing = await db.Assets.AsNoTracking()
                .Where(a => !db.PipelineStages.Any(s => s.AssetId == a.Id && s.Stage == name))
                .OrderBy(a => a.Id).Select(a => a.Id).Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            db.PipelineStages.AddRange(missing.Select(id => PipelinePlan.NewStage(id, name, now)));
            touched.UnionWith(missing);
        }
        if (touched.Count > 0)
        {
            // Two reconcilers racing on the same clip: the unique (asset, stage) index refuses the
            // second insert; the first one's rows are all that is needed.
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                return [];
            }
        }
        return touched.ToList();
    }
}
