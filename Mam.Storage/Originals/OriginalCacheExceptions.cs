namespace Mam.Storage.Originals;

/// <summary>The cache's disk filled up and evicting every unused original did not make room.</summary>
public sealed class OriginalCacheFullException(string directory, string key, long size, Exception inner)
    : IOException($"The original cache in {directory} ran out of disk space for '{System.IO.Path.GetFileName(key)}' ({size:N0} bytes), " +
        "even after evicting every original no stage was using; nothing half-written was kept. Free space on that disk, " +
        $"point {OriginalCacheOptions.Section}:Directory at a larger disk, or set {OriginalCacheOptions.Section}:MaxSizeMiB below the free space.", inner)
{
    public string Directory { get; } = directory;
}

/// <summary>The bytes read from the store are not the original the catalog describes (size or xxh64),
/// twice in a row: they are never cached or handed to a stage.</summary>
public sealed class OriginalMismatchException(string key, string detail)
    : IOException($"The original '{System.IO.Path.GetFileName(key)}' read from the object store does not match the catalog: {detail}. It was not used.")
{
    public string Key { get; } = key;
}
