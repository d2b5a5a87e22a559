using System.Buffers;
using Mam.Integrity.Hashing;
using Microsoft.Extensions.Options;

namespace Mam.Storage;

/// <summary>The embedded default store: one folder, keys as relative paths. Writes go to a temporary
/// file in the target folder and are renamed into place only after the bytes are flushed and their
/// hash checks, so a reader never sees a half-written object.</summary>
public sealed partial class FileSystemObjectStore(IOptions<StorageOptions> options) : IObjectStore, IMultipartObjectStore
{
    private const int BufferSize = 1 << 20;
    private readonly string _root = Path.GetFullPath(options.Value.RootPath);

    public long PartSize { get; } = options.Value.PartSizeMiB * 1024L * 1024L;

    public async Task<StoredObject> PutAsync(string key, Stream content, string? expectedXxh64, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Guid.NewGuid():N}.partial");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hasher = Xxh64.CreateHasher();
            long size = 0;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hasher.Append(buffer.AsSpan(0, read));
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            var actual = hasher.GetHashText();
            if (expectedXxh64 is not null && !string.Equals(expectedXxh64, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw new ObjectHashMismatchException(key, expectedXxh64.ToLowerInvariant(), actual);
            }

            File.Move(temp, path, overwrite: true);
            return new StoredObject(key, size, actual);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            TryDelete(temp);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            throw new ObjectNotFoundException(key);
        }
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult(stream);
    }

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathFor(key));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        TryDelete(PathFor(key));
        return Task.CompletedTask;
    }

    public string? TryGetLocalPath(string key)
    {
        var path = PathFor(key);
        return File.Exists(path) ? path : null;
    }

    /// <summary>None: the object is read in place through <see cref="TryGetLocalPath"/>.</summary>
    public Uri? TryGetReadUrl(string key, TimeSpan validity) => null;

    private string PathFor(string key)
    {
        ObjectKeys.EnsureValidKey(key);
        var full = Path.GetFullPath(Path.Combine(_root, key));
        // Validation already refuses "..", but a second check costs nothing next to a disk write.
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidObjectKeyException($"'{key}' resolves outside the store.");
        }
        return full;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover .partial file is never mistaken for an object.
        }
    }
}
