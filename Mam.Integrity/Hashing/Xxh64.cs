using System.Buffers;
using System.Globalization;
using System.IO.Hashing;

namespace Mam.Integrity.Hashing;

/// <summary>
/// Streaming xxHash64 (seed 0) from System.IO.Hashing. The hex form is the canonical big-endian
/// one that <c>xxhsum -H64</c> prints and that ASC MHL stores in <c>&lt;xxh64&gt;</c> elements.
/// Not thread-safe: one hasher per stream.
/// </summary>
public sealed class Xxh64Hasher : IContentHasher
{
    private readonly XxHash64 _hash = new();
    private bool _disposed;

    /// <summary>Starts over as if no bytes had been appended.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _hash.Reset();
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _hash.Append(data);
    }

    /// <summary>The digest of everything appended so far; appending may continue afterwards.</summary>
    public ulong GetHash()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _hash.GetCurrentHashAsUInt64();
    }

    /// <summary>16 lowercase hex digits, most significant byte first (as xxhsum prints).</summary>
    public string GetHashHex() => GetHash().ToString("x16", CultureInfo.InvariantCulture);

    public string Format => HashFormats.Xxh64;

    public string GetHashText() => GetHashHex();

    public void Dispose() => _disposed = true;
}

public static class Xxh64
{
    /// <summary>Large reads keep spinning disks and card readers streaming.</summary>
    public const int ChunkSize = 4 * 1024 * 1024;

    public static string HashHex(ReadOnlySpan<byte> data) =>
        XxHash64.HashToUInt64(data).ToString("x16", CultureInfo.InvariantCulture);

    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        using var hasher = new Xxh64Hasher();
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

        return hasher.GetHashHex();
    }
}
