using Mam.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Uploads;

/// <summary>The one rule both upload paths (single PUT and resumable sessions) follow: a registered
/// original is never overwritten with different bytes.</summary>
internal static class RegisteredOriginals
{
    /// <summary>A user-facing refusal when <paramref name="key"/> is registered with another hash,
    /// otherwise null (not registered, or the same file again).</summary>
    public static async Task<string?> ConflictAsync(CatalogDbContext db, string key, string xxh64, string path, string card, CancellationToken cancellationToken)
    {
        var registered = await db.CardFiles.AsNoTracking().Where(f => f.StorageKey == key).Select(f => f.Xxh64)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return registered is not null && !string.Equals(registered, xxh64, StringComparison.OrdinalIgnoreCase)
            ? $"'{path}' of card '{card}' is already registered with xxh64 {registered}; a registered original is never overwritten with different bytes."
            : null;
    }
}
