using System.Security.Cryptography;
using Mam.Integrity.AscMhl;

namespace Mam.Integrity.Hashing;

/// <summary>md5, sha1 (lowercase hex) and c4 (SHA-512 in C4's base58) through the BCL's IncrementalHash.</summary>
internal sealed class BclHasher : IContentHasher
{
    private readonly IncrementalHash _hash;

    public BclHasher(string format, HashAlgorithmName algorithm)
    {
        Format = format;
        _hash = IncrementalHash.CreateHash(algorithm);
    }

    public string Format { get; }

    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public string GetHashText()
    {
        var digest = _hash.GetCurrentHash();
        return string.Equals(Format, HashFormats.C4, StringComparison.Ordinal)
            ? C4Id.FromSha512(digest)
            : Convert.ToHexStringLower(digest);
    }

    public void Dispose() => _hash.Dispose();
}
