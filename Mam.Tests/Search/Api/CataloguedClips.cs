using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Search;
using Mam.Workers.Stages.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Search.Api;

/// <summary>Puts analysed clips into a catalog as the pipeline leaves them (probe results, transcript
/// with word times where given, analysis tags, QC) and, unless asked not to, runs the real index stage on them.</summary>
internal static class CataloguedClips
{
    public sealed record Clip(
        string Project,
        string Card,
        string ClipName,
        string? Camera,
        DateTime? RecordedAt,
        IReadOnlyList<(double Start, double End, string Text)> Transcript,
        IReadOnlyList<ClipTag> Tags,
        QcStatus? Qc = null,
        string Codec = "prores",
        int Width = 1920,
        int Height = 1080,
        IReadOnlyList<IReadOnlyList<TranscriptWordTiming>>? Words = null);

    public static async Task<Guid> AddAndIndexAsync(IServiceProvider services, Clip clip)
    {
        var assetId = await AddAsync(services, clip);
        var catalog = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        var outcome = await new IndexStage(catalog, services.GetRequiredService<ISearchIndex>()).RunAsync(assetId, CancellationToken.None);
        outcome.Status.ShouldBe(StageStatus.Done, outcome.Error);
        return assetId;
    }

    /// <summary>Into the catalog only: the search index does not know the clip.</summary>
    public static async Task<Guid> AddAsync(IServiceProvider services, Clip clip)
    {
        var catalog = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        var now = DateTime.UtcNow;
        Guid assetId;
        await using (var db = await catalog.CreateDbContextAsync())
        {
            var project = await db.Projects.SingleOrDefaultAsync(p => p.Name == clip.Project)
                ?? new Project { Id = Guid.NewGuid(), Name = clip.Project, CreatedAt = now };
            var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Project = project, Name = clip.Card, Camera = clip.Camera, OffloadedAt = now, RegisteredAt = now };
            var file = new CardFile
            {
                Id = Guid.NewGuid(), CardId = card.Id, RelativePath = $"Clips/{clip.ClipName}.mov", Xxh64 = "0123456789abcdef",
                StorageKey = $"projects/{clip.Project}/cards/{clip.Card}/Clips/{clip.ClipName}.mov", Role = FileRole.Clip,
            };
            var asset = new Asset
            {
                Id = Guid.NewGuid(), CardId = card.Id, ClipName = clip.ClipName, SourceFileId = file.Id, CreatedAt = now,
                Technical = new TechnicalMetadata
                {
                    Container = "mov,mp4,m4a,3gp,3g2,mj2", DurationSeconds = 20, FrameRateNumerator = 25, FrameRateDenominator = 1,
                    StartTimecode = "01:00:00:00", VideoCodec = clip.Codec, Width = clip.Width, Height = clip.Height, RecordedAt = clip.RecordedAt,
                },
                Qc = clip.Qc is { } qc ? new QcReport { Status = qc } : null,
            };
            file.AssetId = asset.Id;
            asset.TranscriptSegments = clip.Transcript.Select((t, i) => new TranscriptSegment
            {
                Id = Guid.NewGuid(), AssetId = asset.Id, Sequence = i, Start = t.Start, End = t.End, Text = t.Text, Engine = "test", Confidence = 0.9,
                Words = clip.Words?.ElementAtOrDefault(i)?.ToList() ?? [],
            }).ToList();
            foreach (var tag in clip.Tags)
            {
                tag.AssetId = asset.Id;
            }

            asset.Tags = [.. clip.Tags];
            if (db.Entry(project).State == EntityState.Detached)
            {
                db.Add(project);
            }

            db.AddRange(card, file, asset);
            await db.SaveChangesAsync();
            assetId = asset.Id;
        }

        return assetId;
    }

    public static ClipTag Tag(TagKind kind, string label, double start, double end, double? value = null, string? detail = null) =>
        new() { Id = Guid.NewGuid(), Kind = kind, Label = label, Start = start, End = end, Confidence = 0.8, Source = "test", Value = value, Detail = detail };
}
