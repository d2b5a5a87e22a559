using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Search;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Indexing;

/// <summary>Writes the clip (names, filter fields), its transcript phrases and its analysis tags to
/// the search index (<see cref="ClipDocument"/>).</summary>
public sealed class IndexStage(IDbContextFactory<CatalogDbContext> catalog, ISearchIndex index) : IPipelineStage
{
    public StageName Name => StageName.Index;

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        var transcript = await db.TranscriptSegments.AsNoTracking()
            .Where(s => s.AssetId == assetId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var tags = await db.ClipTags.AsNoTracking()
            .Where(t => t.AssetId == assetId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var document = ClipDocument.From(asset, transcript, tags);
        await index.IndexAssetAsync(document, cancellationToken).ConfigureAwait(false);
        return StageOutcome.Done(
            $"Indexed with {transcript.Count} transcript phrases and {document.Segments.Count - transcript.Count} time-coded tags.");
    }
}
