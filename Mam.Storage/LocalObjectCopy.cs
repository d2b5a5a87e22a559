namespace Mam.Storage;

/// <summary>A readable local path for an object: the object itself for a local store, else a
/// temporary download deleted on dispose. ffmpeg and pocketsphinx want files, not streams.</summary>
public sealed class LocalObjectCopy : IAsyncDisposable
{
    private readonly string? _temporary;

    private LocalObjectCopy(string path, string? temporary)
    {
        Path = path;
        _temporary = temporary;
    }

    public string Path { get; }

    public static async Task<LocalObjectCopy> CreateAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.TryGetLocalPath(key) is { } local)
        {
            return new LocalObjectCopy(local, null);
        }

        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mam-work", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(key));
        await using (var source = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false))
        await using (var target = File.Create(path))
        {
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
        return new LocalObjectCopy(path, folder);
    }

    public ValueTask DisposeAsync()
    {
        if (_temporary is not null && Directory.Exists(_temporary))
        {
            Directory.Delete(_temporary, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
