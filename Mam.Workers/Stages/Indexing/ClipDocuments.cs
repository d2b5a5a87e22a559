using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Search;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Indexing;

/// <summary>Reads what the catalog knows about clips (transcript phrases, analysis tags) and makes
/// their search documents with <see cref="ClipDocument"/>: for one clip in the index stage, for a few
/// hundred at a time in a re-index.</summary>
public static class ClipDocuments
{
    /// <summary>Clips with the card, project and source file <see cref="ClipDocument.From"/> reads.</summary>
    public static IQueryable<Asset> Clips(CatalogDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Assets.AsNoTracking().WithCardAndSource();
    }

    /// <param name="assets">Loaded with their card, project and source file (<see cref="Clips"/>).</param>
    public static async Task<IReadOnlyList<AssetDocument>> BuildAsync(
        CatalogDbContext db, IReadOnlyCollection<Asset> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(assets);
        var ids = assets.Select(a => a.Id).ToList();
        var transcripts = (await db.TranscriptSegments.AsNoTracking()
            .Where(s => ids.Contains(s.AssetId))
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(s => s.AssetId);
        var tags = (await db.ClipTags.AsNoTracking()
            .Where(t => ids.Contains(t.AssetId))
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(t => t.AssetId);
        return assets.Select(a => ClipDocument.From(a, transcripts[a.Id].ToList(), tags[a.Id].ToList())).ToList();
    }
}
