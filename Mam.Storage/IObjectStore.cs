namespace Mam.Storage;

/// <summary>Where originals and renditions live. Embedded default: a folder (FileSystemObjectStore);
/// S3-compatible stores come behind the same interface. Keys follow <see cref="ObjectKeys"/>.</summary>
public interface IObjectStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, hashing it with xxh64 as
    /// it is written. When <paramref name="expectedXxh64"/> is given and differs, nothing is stored
    /// (an existing object at the key is left untouched) and <see cref="ObjectHashMismatchException"/> is thrown.</summary>
    Task<StoredObject> PutAsync(string key, Stream content, string? expectedXxh64, CancellationToken cancellationToken);

    /// <exception cref="ObjectNotFoundException"/>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Size in bytes, or null when there is no object at the key.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>A path on this machine where the object can be read directly, or null when the store is
    /// remote and the object has to be downloaded first (see <see cref="LocalObjectCopy"/>).</summary>
    string? TryGetLocalPath(string key);

    /// <summary>An HTTP(S) URL that reads the object, ranges included, without credentials for
    /// <paramref name="validity"/> (an S3 presigned GET), or null when the store has none. ffprobe
    /// reads through it only the ranges it needs instead of the whole original.</summary>
    Uri? TryGetReadUrl(string key, TimeSpan validity);
}

public sealed record StoredObject(string Key, long Size, string Xxh64);

public sealed class ObjectNotFoundException(string key) : Exception($"No stored object at '{key}'.")
{
    public string Key { get; } = key;
}

public sealed class ObjectHashMismatchException(string key, string expected, string actual)
    : Exception($"The bytes received for '{key}' hash to xxh64 {actual}, not {expected} as the sender computed; nothing was stored.")
{
    public string Key { get; } = key;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}

/// <summary>The folder store keeps keys as paths, so 'a/b' and 'a/b/c' cannot both be objects: a key
/// inside an object, or a key that is already a folder of objects, is refused and nothing is written.</summary>
public sealed class ObjectKeyConflictException(string key, string existingKey)
    : Exception($"'{key}' cannot be stored: '{existingKey}' is stored already, and a name is either a file or a folder.")
{
    public string Key { get; } = key;
    /// <summary>The object that is in the way (or, for an empty folder, the folder's key with a '/').</summary>
    public string ExistingKey { get; } = existingKey;
}
