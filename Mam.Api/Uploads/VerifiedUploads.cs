using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Uploads;

/// <summary>What the server itself proved about an original: the size and xxh64 of the bytes its last
/// verified upload stored under the key. Both upload paths record one (a resumable session that completed,
/// or a single PUT as a one-part session that completed at once), and a card registers a file only with
/// that hash — a manifest cannot make the catalog record a hash no upload proved.</summary>
public static class VerifiedUploads
{
    /// <summary>Records a single PUT that the store verified (the whole file is its one part).</summary>
    public static async Task RecordAsync(CatalogDbContext db, string project, string card, string path, StoredObject stored, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stored);
        db.UploadSessions.Add(new UploadSession
        {
            Id = Guid.NewGuid(),
            Project = project,
            Card = card,
            RelativePath = path,
            StorageKey = stored.Key,
            Size = stored.Size,
            Xxh64 = stored.Xxh64.ToLowerInvariant(),
            // No store upload stays open behind it.
            StoreUploadId = "",
            PartSize = Math.Max(1, stored.Size),
            Status = UploadStatus.Complete,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last verified upload under <paramref name="key"/> (what the store holds there now), or null.</summary>
    public static Task<UploadSession?> LatestAsync(CatalogDbContext db, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.UploadSessions.AsNoTracking()
            .Where(u => u.StorageKey == key && u.Status == UploadStatus.Complete)
            .OrderByDescending(u => u.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The last verified upload of every file of a card, by storage key (one query for the whole card).</summary>
    public static async Task<Dictionary<string, (long Size, string Xxh64)>> OfCardAsync(CatalogDbContext db, string project, string card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.UploadSessions.AsNoTracking()
            .Where(u => u.Project == project && u.Card == card && u.Status == UploadStatus.Complete)
            .Select(u => new { u.StorageKey, u.Size, u.Xxh64, u.UpdatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(r => r.StorageKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.UpdatedAt) is { } last ? (last.Size, last.Xxh64) : default, StringComparer.Ordinal);
    }
}
