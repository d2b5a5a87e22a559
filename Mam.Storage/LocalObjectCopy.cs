using Mam.Hosting;

namespace Mam.Storage;

/// <summary>A readable local path for an object: the object itself for a local store, else a
/// temporary download deleted on dispose. ffmpeg and pocketsphinx want files, not streams.</summary>
public sealed class LocalObjectCopy : IAsyncDisposable
{
    private readonly WorkFolder? _temporary;

    private LocalObjectCopy(string path, WorkFolder? temporary)
    {
        Path = path;
        _temporary = temporary;
    }

    public string Path { get; }

    /// <param name="work">Where a download goes: the data directory's work folder, not /tmp.</param>
    public static async Task<LocalObjectCopy> CreateAsync(IObjectStore store, string key, WorkFolders work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(work);
        if (store.TryGetLocalPath(key) is { } local)
        {
            return new LocalObjectCopy(local, null);
        }

        var folder = work.Create("original");
        try
        {
            var path = folder.File(System.IO.Path.GetFileName(key));
            await using (var source = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false))
            await using (var target = File.Create(path))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            return new LocalObjectCopy(path, folder);
        }
        catch
        {
            // A failed or cancelled download leaves nothing behind.
            folder.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _temporary?.DisposeAsync() ?? ValueTask.CompletedTask;
}
