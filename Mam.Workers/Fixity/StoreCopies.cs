using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Fixity;

/// <summary>Cards registered before copies were tracked have files without a row for their copy in
/// the store; an audit adds those rows first (a batch at a time), so nothing stored goes unchecked.</summary>
internal static class StoreCopies
{
    private const int Batch = 2_000;

    public static async Task<int> AddMissingAsync(IDbContextFactory<CatalogDbContext> catalog, FixityScope scope, StoreIdentity store, DateTime now, CancellationToken cancellationToken)
    {
        var added = 0;
        while (true)
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var missing = await scope.Filter(db.CardFiles.AsNoTracking())
                .Where(f => !db.FileCopies.Any(c => c.CardFileId == f.Id && c.Kind == CopyKind.Store && c.Location == store.Name))
                .OrderBy(f => f.Id)
                .Select(f => new { f.Id, f.StorageKey })
                .Take(Batch)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (missing.Count == 0)
            {
                return added;
            }
            db.FileCopies.AddRange(missing.Select(f => new FileCopy
            {
                Id = Guid.NewGuid(),
                CardFileId = f.Id,
                Kind = CopyKind.Store,
                Location = store.Name,
                Key = f.StorageKey,
                StorageClass = store.StorageClass,
                AddedAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            added += missing.Count;
        }
    }
}
