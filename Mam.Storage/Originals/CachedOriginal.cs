namespace Mam.Storage.Originals;

/// <summary>A local path to a camera original a stage may read until it disposes this: the object itself
/// (filesystem store), a cache entry the cache will not evict meanwhile, or a private download (cache off).</summary>
public sealed class CachedOriginal : IAsyncDisposable
{
    private Func<ValueTask>? _release;

    internal CachedOriginal(string path, Func<ValueTask>? release)
    {
        Path = path;
        _release = release;
    }

    public string Path { get; }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _release, null)?.Invoke() ?? ValueTask.CompletedTask;
}

/// <summary>What ffprobe reads: a local file when there is one (in place, or already cached), otherwise
/// the store's read URL so only the ranges it asks for leave the store.</summary>
public sealed class OriginalForProbe : IAsyncDisposable
{
    private readonly CachedOriginal? _local;

    private OriginalForProbe(CachedOriginal? local, Uri? url)
    {
        _local = local;
        Url = url;
    }

    /// <summary>Set when <see cref="Url"/> is null.</summary>
    public string? Path => _local?.Path;

    public Uri? Url { get; }

    internal static OriginalForProbe File(CachedOriginal local) => new(local, null);

    internal static OriginalForProbe Remote(Uri url) => new(null, url);

    public ValueTask DisposeAsync() => _local?.DisposeAsync() ?? ValueTask.CompletedTask;
}
