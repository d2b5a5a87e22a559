using System.Globalization;
using Ingest.Agent.Api;
using Ingest.Agent.Commands;
using Mam.Contracts.Restores;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Restore;

/// <summary>
/// Restores one file: reads it through its manifest URL (no credentials of ours), hashing every format
/// the set recorded while writing it under a temporary name (<c>.NAME.mamtmp</c>), flushes it to the
/// device, and gives it its real name only when its size and every hash equal the set's. A file under its
/// real name has therefore always been verified; a failed one leaves nothing behind. A file already at
/// the destination (a merge, a resumed run) is never overwritten: it is hashed and kept when it matches.
/// </summary>
internal static class FileRestore
{
    private const int ChunkSize = 4 * 1024 * 1024;
    private const string TempSuffix = ".mamtmp";

    public static async Task<RestoredFile> RunAsync(MamApiClient api, RestoreManifestFile file, string cardFolder, CancellationToken cancellationToken)
    {
        var target = Path.Combine(cardFolder, file.Path.Replace('/', Path.DirectorySeparatorChar));
        var formats = HashFormats.All.Where(file.Hashes.ContainsKey).ToList();
        if (formats.Count == 0 && file.Url is not null)
        {
            return RestoredFile.Failed(file, target, "the manifest gives no hash to verify it against");
        }
        if (File.Exists(target))
        {
            return await ExistingAsync(api, file, target, formats, cancellationToken).ConfigureAwait(false);
        }
        if (file.Url is null)
        {
            return RestoredFile.Failed(file, target, file.Unavailable ?? "the server gave no URL for it");
        }

        var folder = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(folder, "." + Path.GetFileName(target) + TempSuffix);
        long written = 0;
        try
        {
            Directory.CreateDirectory(folder);
            using var response = await api.OpenRestoreFileAsync(file.Url, file.Path, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyDictionary<string, string> hashes;
            using (var hashers = new FileHashes(formats))
            {
                await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
                {
                    written = await CopyAsync(stream, output, hashers, cancellationToken).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }
                hashes = hashers.Results();
            }
            if (written != file.Size)
            {
                Delete(temp);
                return RestoredFile.Failed(file, target, string.Create(CultureInfo.InvariantCulture,
                    $"the store sent {written} bytes; the file on the card had {file.Size}"), hashes, written);
            }
            if (Mismatches(file.Hashes, hashes) is { } mismatch)
            {
                Delete(temp);
                return RestoredFile.Failed(file, target, $"{mismatch}: the stored copy is damaged{(file.Cut is null ? "" : " (or changed since the cut was made)")}; nothing was written", hashes, written);
            }
            File.Move(temp, target, overwrite: false);
            return new RestoredFile(file, target, file.Cut is null ? RestoreResults.Verified : RestoreResults.Original, null, hashes, true, File.GetLastWriteTimeUtc(target), written);
        }
        catch (MamApiException ex) when (ex.StatusCode == 404)
        {
            Delete(temp);
            return RestoredFile.Failed(file, target, $"missing from the store: nothing to read at its URL ({ex.Problem?.Detail ?? "404 Not Found"})");
        }
        catch (MamApiException ex)
        {
            Delete(temp);
            return RestoredFile.Failed(file, target, $"could not be read from the store: {ex.Message}") with { UrlRefused = ex.StatusCode is 401 or 403 };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            Delete(temp);
            if (IsDiskFull(ex))
            {
                return RestoredFile.Failed(file, target, DiskFull(target, file.Size, written), bytesRead: written, full: true);
            }
            return RestoredFile.Failed(file, target, $"{(ex is HttpRequestException ? "the read from the store broke off" : "could not be written")}: {ex.Message}; the partial file was removed", bytesRead: written);
        }
        catch (OperationCanceledException)
        {
            Delete(temp);
            throw;
        }
    }

    /// <summary>Compares every format both sides have; null when they all match.</summary>
    public static string? Mismatches(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        var wrong = expected.Where(e => actual.TryGetValue(e.Key, out var value) && !string.Equals(value, e.Value, StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{e.Key} of the bytes read is {actual[e.Key]}, on set it was {e.Value}")
            .ToList();
        return wrong.Count == 0 ? null : string.Join("; ", wrong);
    }

    private static async Task<RestoredFile> ExistingAsync(MamApiClient api, RestoreManifestFile file, string target, List<string> formats, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> hashes;
        try
        {
            hashes = await HashFileAsync(target, formats.Count == 0 ? [HashFormats.Xxh64] : formats, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return RestoredFile.Failed(file, target, $"a file is already at {target} and cannot be read ({ex.Message}); it was left as it was");
        }
        if (formats.Count > 0 && new FileInfo(target).Length == file.Size && Mismatches(file.Hashes, hashes) is null)
        {
            return new RestoredFile(file, target, file.Cut is null ? RestoreResults.Verified : RestoreResults.Original,
                "already at the destination, and it matches", hashes, true, File.GetLastWriteTimeUtc(target), 0);
        }
        if (HistoryChain.IsChain(file.Path) && file.Url is not null && await HistoryChain.ContinuesAsync(api, file, target, cancellationToken).ConfigureAwait(false) is { } continued)
        {
            // The chain is the one file a history rewrites: a destination whose history goes on from the card's keeps it.
            // What was verified against the set is the stored chain, read just now; its hashes are the ones reported.
            return new RestoredFile(file, target, RestoreResults.Verified,
                $"the ASC MHL history at the destination goes on from the card's ({continued.Later} later generation{(continued.Later == 1 ? "" : "s")}); it was kept",
                continued.Stored, true, File.GetLastWriteTimeUtc(target), 0);
        }
        return RestoredFile.Failed(file, target, $"a different file is already at {target}; it was left as it was (move it away and run the restore again)", hashes);
    }

    public static async Task<IReadOnlyDictionary<string, string>> HashFileAsync(string path, IReadOnlyList<string> formats, CancellationToken cancellationToken)
    {
        using var hashers = new FileHashes(formats);
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await CopyAsync(input, Stream.Null, hashers, cancellationToken).ConfigureAwait(false);
        return hashers.Results();
    }

    /// <summary>Reads in large chunks, hashing each while the previous one is being written.</summary>
    private static async Task<long> CopyAsync(Stream input, Stream output, FileHashes hashers, CancellationToken cancellationToken)
    {
        var (current, next) = (new byte[ChunkSize], new byte[ChunkSize]);
        long total = 0;
        Task writing = Task.CompletedTask;
        while (true)
        {
            var filled = await FillAsync(input, current, cancellationToken).ConfigureAwait(false);
            await writing.ConfigureAwait(false);
            if (filled == 0)
            {
                return total;
            }
            hashers.Append(current.AsMemory(0, filled));
            writing = output.WriteAsync(current.AsMemory(0, filled), cancellationToken).AsTask();
            total += filled;
            (current, next) = (next, current);
        }
    }

    private static async Task<int> FillAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }
        return filled;
    }

    internal static bool IsDiskFull(Exception ex) =>
        ex.HResult == 28 // ENOSPC on Linux and macOS
        || (ex.HResult & 0xFFFF) is 0x70 or 0x27 // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL on Windows
        || ex.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("not enough space", StringComparison.OrdinalIgnoreCase);

    private static string DiskFull(string target, long size, long written)
    {
        var free = FreeSpace(target);
        return string.Create(CultureInfo.InvariantCulture,
            $"the destination is full: {target} ({Bytes.Format(size)}) did not fit, {Bytes.Format(written)} of it written when the space ran out{(free is { } f ? $", {Bytes.Format(f.Bytes)} free now in {f.Root}" : "")}; the partial file was removed. Free some space (or restore elsewhere) and run the same command again");
    }

    private static (long Bytes, string Root)? FreeSpace(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(path)!;
            while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent)
            {
                folder = parent;
            }
            var drive = new DriveInfo(folder);
            return (drive.AvailableFreeSpace, drive.RootDirectory.FullName);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; its temporary name says it is not a restored file.
        }
    }
}
