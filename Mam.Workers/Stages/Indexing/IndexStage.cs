using System.Globalization;
using Mam.Core.Catalog;
using Mam.Core.Catalog.Entities;
using Mam.Search;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Indexing;

/// <summary>Writes the asset (names, technical metadata) and its transcript phrases to the search index.</summary>
public sealed class IndexStage(IDbContextFactory<CatalogDbContext> catalog, ISearchIndex index) : IPipelineStage
{
    public StageName Name => StageName.Index;

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        var segments = await db.TranscriptSegments.AsNoTracking()
            .Where(s => s.AssetId == assetId).OrderBy(s => s.Sequence)
            .Select(s => new SegmentDocument(s.Start, s.End, s.Text, "transcript"))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var document = new AssetDocument(asset.Id, asset.Card!.Project!.Name, asset.Card.Name, asset.ClipName, Metadata(asset), segments);
        await index.IndexAssetAsync(document, cancellationToken).ConfigureAwait(false);
        return StageOutcome.Done($"Indexed with {segments.Count} transcript phrases.");
    }

    /// <summary>The words an editor might type to find a clip by what it is rather than what is said.</summary>
    private static string Metadata(Asset asset)
    {
        var t = asset.Technical;
        var parts = new List<string?>
        {
            asset.SourceFile?.RelativePath,
            asset.Card?.Camera is { } camera ? $"camera {camera}" : null,
            asset.Card?.Roll is { } roll ? $"roll {roll}" : null,
            asset.Card?.Dit,
            t?.VideoCodec,
            t?.Width is { } w ? string.Create(CultureInfo.InvariantCulture, $"{w}x{t.Height}") : null,
            t?.AudioLayout,
            t?.Container,
        };
        return string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }
}
