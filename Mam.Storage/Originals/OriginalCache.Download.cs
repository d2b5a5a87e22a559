using System.Buffers;
using Mam.Integrity.Hashing;
using Microsoft.Extensions.Logging;

namespace Mam.Storage.Originals;

public sealed partial class OriginalCache
{
    private const int BufferSize = 1 << 20;

    // ENOSPC on Linux and macOS: .NET puts the errno in HResult. ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    private const int EnoSpc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>ENOSPC from a write; or a refused preallocation, which .NET reports without the errno,
    /// told apart from other I/O errors by the disk having less free space than the original needs.</summary>
    private bool IsDiskFull(IOException exception, long size)
    {
        if (exception is OriginalMismatchException)
        {
            return false;
        }
        if (exception.HResult is EnoSpc or WindowsDiskFull or WindowsHandleDiskFull)
        {
            return true;
        }
        try
        {
            return new DriveInfo(Root).AvailableFreeSpace < size;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>One download shared by every stage waiting for the entry. A first failure of the kind a
    /// second try can cure is retried once: a full disk after evicting everything unused, a mismatch
    /// (a flipped bit or a cut-off transfer) as it is.</summary>
    private async Task DownloadAsync(Entry entry, string key, string? xxh64, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await WriteVerifiedAsync(entry, key, xxh64, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (IsDiskFull(ex, entry.Size))
            {
                long freed;
                lock (_gate)
                {
                    freed = TrimLocked(0, except: entry);
                }
                _logger.LogWarning("The disk of the original cache {Directory} is full; evicted {Freed} bytes of unused originals and trying {Key} again", Root, freed, key);
                try
                {
                    await WriteVerifiedAsync(entry, key, xxh64, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException again) when (IsDiskFull(again, entry.Size))
                {
                    throw new OriginalCacheFullException(Root, key, entry.Size, again);
                }
            }
            catch (OriginalMismatchException ex)
            {
                _logger.LogWarning("{Reason} Downloading it once more", ex.Message);
                await WriteVerifiedAsync(entry, key, xxh64, cancellationToken).ConfigureAwait(false);
            }
            lock (_gate)
            {
                entry.IsComplete = true;
            }
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(entry.Name, out var current) && current == entry)
                {
                    _entries.Remove(entry.Name);
                    _usedBytes -= entry.Size;
                }
            }
            throw;
        }
    }

    /// <summary>Writes to a partial file, checks size and xxh64, then renames: the entry's name only ever
    /// holds a verified original. The partial file is deleted on any failure, cancellation included.</summary>
    private async Task WriteVerifiedAsync(Entry entry, string key, string? xxh64, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        var partial = $"{entry.Path}.{Guid.NewGuid():N}{PartialSuffix}";
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long written = 0;
            string actual;
            using (var hasher = Xxh64.CreateHasher())
            {
                await using (var source = await _store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false))
                // Preallocating asks the file system for the whole size up front, so a disk that cannot
                // hold the original says so before a byte is downloaded.
                await using (var target = new FileStream(partial, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    BufferSize = 0,
                    Options = FileOptions.Asynchronous,
                    PreallocationSize = entry.Size,
                }))
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hasher.Append(buffer.AsSpan(0, read));
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        written += read;
                    }
                    await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                actual = hasher.GetHashText();
            }
            if (written != entry.Size)
            {
                throw new OriginalMismatchException(key, $"{written:N0} bytes arrived where the catalog has {entry.Size:N0}");
            }
            if (xxh64 is not null && !string.Equals(actual, xxh64, StringComparison.OrdinalIgnoreCase))
            {
                throw new OriginalMismatchException(key, $"the bytes hash to xxh64 {actual}, the catalog has {xxh64}");
            }
            File.Move(partial, entry.Path, overwrite: true);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
