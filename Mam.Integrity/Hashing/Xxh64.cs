using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using Mam.Integrity.Hashing;

namespace Mam.Integrity.Hashing;

/// <summary>
/// Streaming xxHash64 (seed 0) backed by libxxhash. The hex form is the canonical big-endian one
/// that <c>xxhsum -H64</c> prints and that ASC MHL stores in <c>&lt;xxh64&gt;</c> elements.
/// Not thread-safe: one hasher per stream.
/// </summary>
public sealed class Xxh64Hasher : IContentHasher
{
    private readonly Xxh64StateHandle _state;

    public Xxh64Hasher()
    {
        try
        {
            _state = NativeMethods.Xxh64CreateState();
        }
        catch (DllNotFoundException ex)
        {
            throw new XxHashUnavailableException(ex);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new XxHashUnavailableException(ex);
        }

        if (_state.IsInvalid)
        {
            throw new InvalidOperationException("XXH64_createState returned no state (out of memory).");
        }

        Reset();
    }

    /// <summary>Starts over as if no bytes had been appended.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        if (NativeMethods.Xxh64Reset(_state, 0) != 0)
        {
            throw new InvalidOperationException("XXH64_reset failed.");
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        if (data.IsEmpty)
        {
            return;
        }

        if (NativeMethods.Xxh64Update(_state, ref MemoryMarshal.GetReference(data), (nuint)data.Length) != 0)
        {
            throw new InvalidOperationException("XXH64_update failed.");
        }
    }

    /// <summary>The digest of everything appended so far; appending may continue afterwards.</summary>
    public ulong GetHash()
    {
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        return NativeMethods.Xxh64Digest(_state);
    }

    /// <summary>16 lowercase hex digits, most significant byte first (as xxhsum prints).</summary>
    public string GetHashHex() => GetHash().ToString("x16", CultureInfo.InvariantCulture);

    public string Format => HashFormats.Xxh64;

    public string GetHashText() => GetHashHex();

    public void Dispose() => _state.Dispose();
}

public static class Xxh64
{
    /// <summary>Large reads keep spinning disks and card readers streaming.</summary>
    public const int ChunkSize = 4 * 1024 * 1024;

    public static string HashHex(ReadOnlySpan<byte> data)
    {
        using var hasher = new Xxh64Hasher();
        hasher.Append(data);
        return hasher.GetHashHex();
    }

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

/// <summary>Thrown when the native xxHash library cannot be loaded.</summary>
public sealed class XxHashUnavailableException : Exception
{
    public const string Advice = "libxxhash0 is not installed: apt-get install libxxhash0";

    public XxHashUnavailableException()
        : base(Advice)
    {
    }

    public XxHashUnavailableException(string message)
        : base(message)
    {
    }

    public XxHashUnavailableException(Exception innerException)
        : base(Advice, innerException)
    {
    }

    public XxHashUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
