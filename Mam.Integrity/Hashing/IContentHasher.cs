namespace Mam.Integrity.Hashing;

/// <summary>
/// One streaming hash of a file's bytes in one of ASC MHL's formats. Not thread-safe: one hasher
/// per stream, but different hashers may be fed the same chunk from different threads.
/// </summary>
public interface IContentHasher : IDisposable
{
    /// <summary>The ASC MHL element name: c4, md5, sha1, xxh128, xxh3 or xxh64.</summary>
    string Format { get; }

    void Append(ReadOnlySpan<byte> data);

    /// <summary>The value exactly as ascmhl writes it into the MHL (lowercase hex; c4 in base58).</summary>
    string GetHashText();
}
