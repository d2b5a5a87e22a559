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

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        var document = (await ClipDocuments.BuildAsync(db, [asset], cancellationToken).ConfigureAwait(false)).Single();

        await index.IndexAssetAsync(document, cancellationToken).ConfigureAwait(false);
        var phrases = document.Segments.Count(s => s.Source == SegmentSources.Transcript);
        return StageOutcome.Done(
            $"Indexed with {phrases} transcript phrases and {document.Segments.Count - phrases} time-coded tags.");
    }
}
