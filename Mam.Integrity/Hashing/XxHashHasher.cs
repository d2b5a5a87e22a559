using System.IO.Hashing;

namespace Mam.Integrity.Hashing;

/// <summary>
/// Streaming xxHash (seed 0) from System.IO.Hashing: XXH64 ("xxh64"), XXH3 64-bit ("xxh3") or XXH3
/// 128-bit ("xxh128"). Each writes its digest in xxHash's canonical big-endian form
/// (XXH64_canonicalFromHash, XXH128_canonicalFromHash: high half first), so its lowercase hex is what
/// <c>xxhsum -H64</c> / <c>-H3</c> / <c>-H2</c> print and ascmhl writes.
/// </summary>
internal sealed class XxHashHasher : IContentHasher
{
    private readonly NonCryptographicHashAlgorithm _hash;
    private bool _disposed;

    public XxHashHasher(string format)
    {
        _hash = format switch
        {
            HashFormats.Xxh64 => new XxHash64(),
            HashFormats.Xxh3 => new XxHash3(),
            HashFormats.Xxh128 => new XxHash128(),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an xxHash format"),
        };
        Format = format;
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
