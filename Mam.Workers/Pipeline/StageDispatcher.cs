using Mam.Catalog;
using Mam.Catalog.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline;

/// <summary>Publishes the command of every stage that is ready to run. Called after registration,
/// after each stage, on retry, and by the reconciler; publishing twice is harmless because a stage
/// is claimed atomically before it runs.</summary>
public sealed class StageDispatcher(IDbContextFactory<CatalogDbContext> catalog, IPublishEndpoint publisher)
{
    public async Task<int> DispatchReadyAsync(IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        if (assetIds.Count == 0)
        {
            return 0;
        }

        List<PipelineStage> stages;
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            stages = await db.PipelineStages.AsNoTracking().Where(s => assetIds.Contains(s.AssetId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var published = 0;
        foreach (var group in stages.GroupBy(s => s.AssetId))
        {
            foreach (var stage in PipelinePlan.Ready(group.ToList()))
            {
                await publisher.Publish(PipelinePlan.CommandFor(stage, group.Key), cancellationToken).ConfigureAwait(false);
                published++;
            }
        }
        return published;
    }
}
