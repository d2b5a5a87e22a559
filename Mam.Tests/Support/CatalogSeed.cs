using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Tests.Support;

/// <summary>Catalog rows written straight to the database, for tests about what the pipeline does
/// with them rather than how they got there.</summary>
internal static class CatalogSeed
{
    /// <summary>A catalogued clip with all stages pending, as registration leaves it — and no message
    /// on any bus: only the reconciler will ever dispatch it.</summary>
    public static async Task<Guid> AddAssetWithPendingStagesAsync(IDbContextFactory<CatalogDbContext> catalog)
    {
        await using var db = await catalog.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var project = new Project { Id = Guid.NewGuid(), Name = $"P{Guid.NewGuid():N}", CreatedAt = now };
        var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Name = "A001R1AB", OffloadedAt = now, RegisteredAt = now };
        var file = new CardFile { Id = Guid.NewGuid(), CardId = card.Id, RelativePath = "A001C001.mov", Xxh64 = "0123456789abcdef", StorageKey = "k", Role = FileRole.Clip };
        var asset = new Asset { Id = Guid.NewGuid(), CardId = card.Id, ClipName = "A001C001", SourceFileId = file.Id, CreatedAt = now };
        asset.Stages = PipelinePlan.NewStages(asset.Id, now);
        file.AssetId = asset.Id;
        db.AddRange(project, card, file, asset);
        await db.SaveChangesAsync();
        return asset.Id;
    }
}
