using System.IO.Hashing;

namespace Mam.Integrity.Hashing;

/// <summary>
/// Streaming XXH3 (seed 0) from System.IO.Hashing: 64-bit ("xxh3") or 128-bit ("xxh128"). The
/// digest bytes are the canonical big-endian form (xxHash's XXH128_canonicalFromHash: high half
/// first), so their hex is what <c>xxhsum -H3</c> / <c>-H2</c> print and ascmhl writes.
/// </summary>
public sealed class Xxh3Hasher : IContentHasher
{
    private readonly NonCryptographicHashAlgorithm _hash;
    private bool _disposed;

    public Xxh3Hasher(bool wide)
    {
        _hash = wide ? new XxHash128() : new XxHash3();
        Format = wide ? HashFormats.Xxh128 : HashFormats.Xxh3;
    }

    public string Format { get; }

    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _hash.Append(data);
    }

    public string GetHashText()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Convert.ToHexStringLower(_hash.GetCurrentHash());
    }

    public void Dispose() => _disposed = true;
}
