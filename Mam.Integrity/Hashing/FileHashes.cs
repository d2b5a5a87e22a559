namespace Mam.Integrity.Hashing;

/// <summary>
/// Every requested hash of one stream, fed in the same pass. With more than one format the
/// hashers run in parallel per chunk, so md5 or sha1 do not slow xxh64 down to their speed alone.
/// </summary>
public sealed class FileHashes : IDisposable
{
    private readonly IContentHasher[] _hashers;

    public FileHashes(IReadOnlyList<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        _hashers = formats.Select(HashFormats.Create).ToArray();
    }

    public IReadOnlyList<string> Formats => _hashers.Select(h => h.Format).ToList();

    /// <summary>Hashes one chunk with every hasher; the chunk must stay untouched until this returns.</summary>
    public void Append(ReadOnlyMemory<byte> chunk)
    {
        if (_hashers.Length == 1)
        {
            _hashers[0].Append(chunk.Span);
            return;
        }

        Parallel.ForEach(_hashers, hasher => hasher.Append(chunk.Span));
    }

    /// <summary>Format → value, e.g. xxh64 → 0ea03b369a463d9d.</summary>
    public IReadOnlyDictionary<string, string> Results() =>
        _hashers.ToDictionary(h => h.Format, h => h.GetHashText(), StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var hasher in _hashers)
        {
            hasher.Dispose();
        }
    }
}
