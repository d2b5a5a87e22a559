using System.Buffers;
using System.Globalization;
using System.IO.Hashing;

namespace Mam.Integrity.Hashing;

/// <summary>xxh64, the format every tool in the chain reads: the object stores check uploads against it
/// and the agent names files by it. Hex as <c>xxhsum -H64</c> prints it (see <see cref="XxHashHasher"/>).</summary>
public static class Xxh64
{
    /// <summary>Large reads keep spinning disks and card readers streaming.</summary>
    public const int ChunkSize = 4 * 1024 * 1024;

    /// <summary>A streaming xxh64 hasher; <see cref="IContentHasher.GetHashText"/> gives the hex.</summary>
    public static IContentHasher CreateHasher() => HashFormats.Create(HashFormats.Xxh64);

    public static string HashHex(ReadOnlySpan<byte> data) =>
        XxHash64.HashToUInt64(data).ToString("x16", CultureInfo.InvariantCulture);

    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        using var hasher = CreateHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
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
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hasher.Append(buffer.AsSpan(0, read));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hasher.GetHashText();
    }
}
