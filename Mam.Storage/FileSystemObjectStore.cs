using System.Buffers;
using System.Text;
using Mam.Contracts;
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

    /// <summary>No limit of its own: parts are numbered files in a staging folder.</summary>
    public int MaxPartCount => int.MaxValue;

    public async Task<StoredObject> PutAsync(string key, Stream content, string? expectedXxh64, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathFor(key);
        EnsureNoFolderCollision(key, path);
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
        // Linux refuses a path over PATH_MAX (4096 bytes with its closing NUL) with ENAMETOOLONG.
        if (Encoding.UTF8.GetByteCount(full) >= Limits.PathLength)
        {
            throw new InvalidObjectKeyException($"'{Names.Printable(key)}' is too long to store in the folder {_root}: a full path may be at most {Limits.PathLength - 1} bytes.");
        }
        return full;
    }

    /// <exception cref="ObjectKeyConflictException">A folder the key needs is an object, or the key is a folder of objects.</exception>
    private void EnsureNoFolderCollision(string key, string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length > _root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                throw new ObjectKeyConflictException(key, KeyOf(folder));
            }
        }
        if (!Directory.Exists(path))
        {
            return;
        }
        // Objects inside it (dot files are our own temporary files, not objects).
        var inside = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true }).FirstOrDefault();
        if (inside is null)
        {
            try
            {
                // No object in it (an empty folder an earlier upload left): the object may take its place.
                Directory.Delete(path, recursive: false);
                return;
            }
            catch (IOException)
            {
                // Not empty after all: another upload is writing into it.
            }
        }
        throw new ObjectKeyConflictException(key, inside is null ? key + "/" : KeyOf(inside));
    }

    private string KeyOf(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

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
