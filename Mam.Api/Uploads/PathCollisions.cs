using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Uploads;

/// <summary>On a card, as on any disk, a name is either a file or a folder: 'f' and 'f/g' cannot both be
/// stored (the folder store could not even write them, and no restore could put them back). Checked
/// within one manifest, and against what a card already holds before a new file of it is accepted.</summary>
public static class PathCollisions
{
    /// <summary>'a/b/c' → 'a', 'a/b': the folders the path needs.</summary>
    public static IEnumerable<string> Folders(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be stored beside <paramref name="other"/> (one is a folder of the other).</summary>
    public static string Describe(string path, string other, string card) =>
        path.StartsWith(other + "/", StringComparison.Ordinal)
            ? $"'{path}' cannot be stored on card '{card}': '{other}' is already a file there, and a name on a card is either a file or a folder."
            : $"'{path}' cannot be stored on card '{card}': it is already a folder there (holding '{other}'), and a name on a card is either a file or a folder.";

    /// <summary>A registered file, or an open or finished upload, of the same card that is a folder of
    /// <paramref name="path"/> or lies inside it; null when there is none.</summary>
    public static async Task<string?> FindAsync(CatalogDbContext db, string project, string card, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var folders = Folders(path).ToList();
        var inside = path + "/";
        // Narrowed to the card first: both tables are indexed by card, and a card holds thousands of files, not millions.
        var other = await db.CardFiles.AsNoTracking()
            .Where(f => f.Card!.Name == card && f.Card.Project!.Name == project)
            .Where(f => folders.Contains(f.RelativePath) || f.RelativePath.StartsWith(inside))
            .Select(f => f.RelativePath).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? await db.UploadSessions.AsNoTracking()
            .Where(u => u.Project == project && u.Card == card && (u.Status == UploadStatus.Open || u.Status == UploadStatus.Complete))
            .Where(u => folders.Contains(u.RelativePath) || u.RelativePath.StartsWith(inside))
            .Select(u => u.RelativePath).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return other is null ? null : Describe(path, other, card);
    }

    /// <summary>The same, for an object store that refused the key (<see cref="ObjectKeyConflictException"/>).</summary>
    public static string Describe(ObjectKeyConflictException conflict, string project, string card, string path)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        var prefix = ObjectKeys.CardPrefix(project, card);
        var other = conflict.ExistingKey.StartsWith(prefix, StringComparison.Ordinal) ? conflict.ExistingKey[prefix.Length..].TrimEnd('/') : conflict.ExistingKey;
        return Describe(path, other, card);
    }
}
