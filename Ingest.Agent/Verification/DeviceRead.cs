using System.Buffers;
using Mam.Core.Integrity;
using Mam.Core.Integrity.Hashing;

namespace Ingest.Agent.Verification;

/// <summary>Hashes a file as it is on the device: its cached pages are dropped first (see <see cref="PageCache"/>).</summary>
internal static class DeviceRead
{
    private const int ChunkSize = 8 * 1024 * 1024;

    public static async Task<string> Xxh64Async(string path, bool bypassCache, IProgress<long>? progress, CancellationToken cancellationToken) =>
        (await HashesAsync(path, [HashFormats.Xxh64], bypassCache, progress, cancellationToken).ConfigureAwait(false))[HashFormats.Xxh64];

    public static Task<IReadOnlyDictionary<string, string>> HashesAsync(string path, IReadOnlyList<string> formats, CancellationToken cancellationToken) =>
        HashesAsync(path, formats, bypassCache: true, null, cancellationToken);

    public static async Task<IReadOnlyDictionary<string, string>> HashesAsync(string path, IReadOnlyList<string> formats, bool bypassCache, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var hasher = new FileHashes(formats);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        await using (stream.ConfigureAwait(false))
        {
            if (bypassCache)
            {
                PageCache.Drop(stream.SafeFileHandle);
            }

            // Two buffers: the next read is in flight while the previous chunk is hashed.
            var buffers = new[] { ArrayPool<byte>.Shared.Rent(ChunkSize), ArrayPool<byte>.Shared.Rent(ChunkSize) };
            try
            {
                var current = 0;
                var read = await stream.ReadAsync(buffers[current].AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                while (read > 0)
                {
                    var next = stream.ReadAsync(buffers[1 - current].AsMemory(0, ChunkSize), cancellationToken).AsTask();
                    hasher.Append(buffers[current].AsMemory(0, read));
                    progress?.Report(read);
                    read = await next.ConfigureAwait(false);
                    current = 1 - current;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffers[0]);
                ArrayPool<byte>.Shared.Return(buffers[1]);
            }

            if (bypassCache)
            {
                // Verification should not evict the footage the DIT is about to review from memory for nothing.
                PageCache.Drop(stream.SafeFileHandle);
            }
        }

        return hasher.Results();
    }
}
