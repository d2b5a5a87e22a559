using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Archive;
using Mam.Contracts.Cards;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Cards;

/// <summary>The copies a registered card's files have from the start: one in the server's store, and
/// one per destination the agent verified on set.</summary>
internal static class CardCopies
{
    /// <summary>Adds the store copy of every file and the on-set copies the request reports, skipping
    /// any already recorded (a card registered again from a shuttle drive adds that drive).</summary>
    public static async Task AddAsync(CatalogDbContext db, Card card, IReadOnlyList<CardDestination>? destinations, StoreIdentity store, DateTime now, CancellationToken cancellationToken)
    {
        var ids = card.Files.Select(f => f.Id).ToList();
        var known = db.Entry(card).State == EntityState.Added ? []
            : (await db.FileCopies.AsNoTracking().Where(c => ids.Contains(c.CardFileId)).Select(c => new { c.CardFileId, c.Kind, c.Location })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(c => (c.CardFileId, c.Kind, c.Location)).ToHashSet();
        void Add(CardFile file, CopyKind kind, string location, string key, string? storageClass, DateTime? checkedAt, string? checkedBy)
        {
            if (!known.Add((file.Id, kind, location)))
            {
                return;
            }
            db.FileCopies.Add(new FileCopy
            {
                Id = Guid.NewGuid(),
                CardFileId = file.Id,
                Kind = kind,
                Location = location,
                Key = key,
                StorageClass = storageClass,
                AddedAt = now,
                // Uploads are verified by xxh64 as they land; an on-set destination as the agent reports.
                LastCheckedAt = checkedAt,
                LastOutcome = checkedAt is null ? null : FixityOutcome.Intact,
                LastCheckedBy = checkedBy,
            });
        }

        foreach (var file in card.Files)
        {
            Add(file, CopyKind.Store, store.Name, file.StorageKey, store.StorageClass, null, null);
        }
        foreach (var destination in destinations ?? [])
        {
            var skipped = (destination.NotVerified ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var file in card.Files.Where(f => !skipped.Contains(f.RelativePath)))
            {
                Add(file, CopyKind.OnSet, destination.Location!, file.RelativePath,
                    null, (destination.VerifiedAt ?? now).UtcDateTime, destination.VerifiedBy ?? "ingest agent");
            }
        }
    }
}
