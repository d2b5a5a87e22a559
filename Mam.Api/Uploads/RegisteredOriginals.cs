using Mam.Catalog;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Uploads;

/// <summary>The rules both upload paths (single PUT and resumable sessions) follow before they accept a
/// byte: a registered original is never overwritten with different bytes, and a name on a card is either
/// a file or a folder (<see cref="PathCollisions"/>).</summary>
internal static class RegisteredOriginals
{
    /// <summary>A user-facing refusal when the file cannot be stored, otherwise null (a new file, or the same file again).</summary>
    public static async Task<string?> ConflictAsync(CatalogDbContext db, string project, string card, string path, string xxh64, CancellationToken cancellationToken)
    {
        var key = ObjectKeys.Original(project, card, path);
        var registered = await db.CardFiles.AsNoTracking().Where(f => f.StorageKey == key).Select(f => f.Xxh64)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (registered is not null && !string.Equals(registered, xxh64, StringComparison.OrdinalIgnoreCase))
        {
            return $"'{path}' of card '{card}' is already registered with xxh64 {registered}; a registered original is never overwritten with different bytes.";
        }
        return await PathCollisions.FindAsync(db, project, card, path, cancellationToken).ConfigureAwait(false);
    }
}
