namespace Mam.Storage.Placement;

/// <summary>Where an object sits in its store, as a restore plan needs it: its size, its storage class
/// and whether it must be brought back from an archive tier before it can be read.</summary>
/// <param name="StorageClass">As the store names it; STANDARD where the store says nothing (S3 omits the
/// header for STANDARD objects; the folder store has no classes).</param>
/// <param name="RestoredUntil">An archived object already brought back: readable until then.</param>
public sealed record ObjectPlacement(long Size, string StorageClass, ArchiveState Archive, DateTimeOffset? RestoredUntil)
{
    public const string Standard = "STANDARD";

    /// <summary>Reading it needs a restore request first (an archive-tier object not brought back).</summary>
    public bool NeedsRestoreRequest => Archive is ArchiveState.Archived;
}

public enum ArchiveState
{
    /// <summary>Readable at once (STANDARD, STANDARD_IA, GLACIER_IR, any class of a store without archive tiers).</summary>
    Online,

    /// <summary>In an archive tier (GLACIER, DEEP_ARCHIVE, an Intelligent-Tiering archive access tier), not brought back.</summary>
    Archived,

    /// <summary>A restore request for it is under way.</summary>
    RestoreInProgress,

    /// <summary>Brought back from the archive tier, readable until <see cref="ObjectPlacement.RestoredUntil"/>.</summary>
    Restored,
}

/// <summary>A store that can say where an object sits (S3: HEAD object). Stores without classes do not
/// implement it; <see cref="ObjectPlacements.GetAsync"/> then answers STANDARD from the object's size.</summary>
public interface IObjectPlacements
{
    /// <returns>Null when there is no object at the key.</returns>
    Task<ObjectPlacement?> GetPlacementAsync(string key, CancellationToken cancellationToken);
}

public static class ObjectPlacements
{
    /// <summary>The classes S3 keeps offline until a RestoreObject request brings a copy back
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html). GLACIER_IR is
    /// read directly and is not among them.</summary>
    public static readonly IReadOnlySet<string> ArchiveClasses = new HashSet<string>(StringComparer.Ordinal) { "GLACIER", "DEEP_ARCHIVE" };

    /// <returns>Null when there is no object at the key.</returns>
    public static async Task<ObjectPlacement?> GetAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is IObjectPlacements placements)
        {
            return await placements.GetPlacementAsync(key, cancellationToken).ConfigureAwait(false);
        }
        return await store.GetSizeAsync(key, cancellationToken).ConfigureAwait(false) is { } size
            ? new ObjectPlacement(size, ObjectPlacement.Standard, ArchiveState.Online, null)
            : null;
    }
}
