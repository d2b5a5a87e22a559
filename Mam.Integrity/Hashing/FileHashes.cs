using System.Buffers;

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

    /// <summary>Hashers made elsewhere (a SHA-256 beside the MHL formats); this takes them over.</summary>
    public FileHashes(IReadOnlyList<IContentHasher> hashers)
    {
        ArgumentNullException.ThrowIfNull(hashers);
        _hashers = [.. hashers];
    }

    /// <summary>Feeds the whole file to every hasher in one sequential read of large chunks.</summary>
    public async Task AppendFileAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Xxh64.ChunkSize);
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
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, Xxh64.ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    Append(buffer.AsMemory(0, read));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
