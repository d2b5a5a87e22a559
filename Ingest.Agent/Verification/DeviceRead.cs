using Mam.Integrity.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Verification;

/// <summary>
/// Hashes a file as it is on the device: unbuffered (O_DIRECT) where the file system allows it,
/// otherwise with its cached pages dropped first (see <see cref="PageCache"/>).
/// </summary>
internal static class DeviceRead
{
    public static async Task<string> Xxh64Async(string path, bool bypassCache, IProgress<long>? progress, CancellationToken cancellationToken) =>
        (await HashesAsync(path, [HashFormats.Xxh64], bypassCache, progress, cancellationToken).ConfigureAwait(false))[HashFormats.Xxh64];

    public static Task<IReadOnlyDictionary<string, string>> HashesAsync(string path, IReadOnlyList<string> formats, CancellationToken cancellationToken) =>
        HashesAsync(path, formats, bypassCache: true, null, cancellationToken);

    public static async Task<IReadOnlyDictionary<string, string>> HashesAsync(string path, IReadOnlyList<string> formats, bool bypassCache, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var hasher = new FileHashes(formats);
        using (var file = OpenForReading(path, bypassCache, out var unbuffered))
        {
            await ChunkedRead.RunAsync(
                file,
                RandomAccess.GetLength(file),
                unbuffered,
                (chunk, _) =>
                {
                    hasher.Append(chunk);
                    progress?.Report(chunk.Length);
                    return Task.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
            if (bypassCache && !unbuffered)
            {
                // Verification should not evict the footage the DIT is about to review from memory for nothing.
                PageCache.Drop(file);
            }
        }

        return hasher.Results();
    }

    /// <summary>Opens a file to read from its device when <paramref name="bypassCache"/>: O_DIRECT, else dropped cached pages.</summary>
    public static SafeFileHandle OpenForReading(string path, bool bypassCache, out bool unbuffered)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        unbuffered = bypassCache && UnbufferedIo.TryEnable(file);
        if (bypassCache && !unbuffered)
        {
            PageCache.Drop(file);
        }

        return file;
    }
}
