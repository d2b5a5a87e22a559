using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>The clips an operation covers, read in id order a batch at a time.</summary>
public static class OperationScope
{
    internal static IQueryable<Guid> Clips(CatalogDbContext db, PipelineOperation operation)
    {
        var assets = db.Assets.AsNoTracking();
        if (operation.AssetId is { } id)
        {
            assets = assets.Where(a => a.Id == id);
        }
        if (operation.Project is { } project)
        {
            assets = assets.Where(a => a.Card!.Project!.Name == project);
        }
        if (operation.Card is { } card)
        {
            assets = assets.Where(a => a.Card!.Name == card);
        }
        return assets.OrderBy(a => a.Id).Select(a => a.Id);
    }

    internal static async Task<List<Guid>> NextBatchAsync(CatalogDbContext db, PipelineOperation operation, int size, CancellationToken cancellationToken)
    {
        return await Clips(db, operation).Skip(operation.Processed).Take(size).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string Describe(PipelineOperation operation) =>
        operation.AssetId is { } id ? $"asset {id}"
        : operation.Card is { } card ? $"card {card} of project {operation.Project}"
        : operation.Project is { } project ? $"project {project}"
        : "every clip";
}
