using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Review;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review;

/// <summary>Clips to review, catalogued directly (no media needed): a rate, a start timecode and a length.</summary>
internal static class ReviewClips
{
    public const string Project = "Review Film";

    public static async Task<Guid> AddAsync(IServiceProvider services, string clipName, int rateNumerator, int rateDenominator, string startTimecode, double seconds,
        string xxh64 = "0123456789abcdef", string project = Project)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var owner = await db.Projects.FirstOrDefaultAsync(p => p.Name == project);
        if (owner is null)
        {
            owner = new Project { Id = Guid.NewGuid(), Name = project, CreatedAt = now };
            db.Add(owner);
        }
        var card = new Card { Id = Guid.NewGuid(), ProjectId = owner.Id, Name = $"R{Guid.NewGuid():N}"[..8], OffloadedAt = now, RegisteredAt = now };
        var file = new CardFile { Id = Guid.NewGuid(), CardId = card.Id, RelativePath = clipName + ".mov", Xxh64 = xxh64, StorageKey = $"k/{Guid.NewGuid():N}", Role = FileRole.Clip };
        var asset = new Asset
        {
            Id = Guid.NewGuid(), CardId = card.Id, ClipName = clipName, SourceFileId = file.Id, CreatedAt = now,
            Technical = new TechnicalMetadata
            {
                Container = "mov", DurationSeconds = seconds, FrameRateNumerator = rateNumerator, FrameRateDenominator = rateDenominator, StartTimecode = startTimecode,
            },
        };
        file.AssetId = asset.Id;
        // Processed already (every step done): the reconciler has nothing to run on a clip whose media is
        // not in the store, and the project's activity has only what the test does.
        var stages = PipelinePlan.NewStages(asset.Id, now);
        stages.ForEach(s => (s.Status, s.StartedAt, s.FinishedAt) = (StageStatus.Done, now, now));
        db.AddRange(card, file, asset);
        db.PipelineStages.AddRange(stages);
        await db.SaveChangesAsync();
        return asset.Id;
    }

    public static async Task<List<Comment>> CommentsAsync(IServiceProvider services, Guid assetId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        return await db.Comments.AsNoTracking().Where(c => c.AssetId == assetId).OrderBy(c => c.InFrame).ThenBy(c => c.CreatedAt).ToListAsync();
    }
}
