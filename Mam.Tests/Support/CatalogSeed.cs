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
    /// on any bus: only the reconciler will ever dispatch it. In a project of its own, or in the one
    /// named <paramref name="projectName"/> (made if missing).</summary>
    public static async Task<Guid> AddAssetWithPendingStagesAsync(IDbContextFactory<CatalogDbContext> catalog, string? projectName = null)
    {
        await using var db = await catalog.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var project = projectName is null ? null : await db.Projects.SingleOrDefaultAsync(p => p.Name == projectName);
        if (project is null)
        {
            project = new Project { Id = Guid.NewGuid(), Name = projectName ?? $"P{Guid.NewGuid():N}", CreatedAt = now };
            db.Add(project);
        }
        var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Name = "A001R1AB", OffloadedAt = now, RegisteredAt = now };
        var file = new CardFile { Id = Guid.NewGuid(), CardId = card.Id, RelativePath = "A001C001.mov", Xxh64 = "0123456789abcdef", StorageKey = "k", Role = FileRole.Clip };
        var asset = new Asset { Id = Guid.NewGuid(), CardId = card.Id, ClipName = "A001C001", SourceFileId = file.Id, CreatedAt = now };
        asset.Stages = PipelinePlan.NewStages(asset.Id, now);
        file.AssetId = asset.Id;
        db.AddRange(card, file, asset);
        await db.SaveChangesAsync();
        return asset.Id;
    }
}
