namespace Mam.Storage;

/// <summary>Resumable uploads of large originals in parts (S3 multipart semantics, which the
/// filesystem store imitates). The agent asks the API for an upload session; parts go either
/// through the API (<see cref="PartTarget.ViaApi"/>) or straight to the store on a presigned URL;
/// completion assembles the object and checks its whole-file xxh64 before it counts as stored.</summary>
public interface IMultipartObjectStore
{
    /// <summary>Parts are this size except the last; S3 needs at least 5 MiB.</summary>
    long PartSize { get; }

    /// <summary>The most parts one upload may have (S3: 10,000); a larger file gets larger parts.</summary>
    int MaxPartCount { get; }

    /// <summary>Starts a multipart upload for <paramref name="key"/> and returns the store's upload id.</summary>
    Task<string> StartMultipartAsync(string key, CancellationToken cancellationToken);

    /// <summary>The part's xxh64 must be known to address it (<see cref="GetPartTarget"/>): the store checks
    /// it itself, and a presigned URL signs it. Then a client that cannot say it sends parts through the API.</summary>
    bool ChecksPartHashes => false;

    /// <summary>Where the client should PUT part <paramref name="partNumber"/> (1-based).</summary>
    /// <param name="partXxh64">The part's xxh64 (16 hex digits), for a store that <see cref="ChecksPartHashes"/>.</param>
    PartTarget GetPartTarget(string key, string uploadId, int partNumber, TimeSpan validity, string? partXxh64 = null);

    /// <summary>Stores one part received through the API (replacing an earlier copy of that part).</summary>
    Task PutPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>Part numbers the store holds for this upload, with their sizes: what a resumed client can skip.</summary>
    Task<IReadOnlyDictionary<int, long>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>Assembles parts 1..n into the object and verifies its xxh64. On a mismatch the
    /// upload is aborted, nothing is stored, and <see cref="ObjectHashMismatchException"/> is thrown.</summary>
    Task<StoredObject> CompleteMultipartAsync(string key, string uploadId, int partCount, string expectedXxh64, CancellationToken cancellationToken);

    Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken);
}

/// <summary>Either "send it to the API" or an absolute presigned URL of the store (no API key then).</summary>
/// <param name="Headers">Headers the PUT must carry as they are: they are signed into the URL (the part's checksum).</param>
public sealed record PartTarget(Uri? PresignedUrl, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static PartTarget ViaApi { get; } = new((Uri?)null);
}

/// <summary>The store refused a part or object because its checksum header did not match the bytes it
/// received (S3's 400 BadDigest): the bytes changed on the way. Nothing was stored; send it again.</summary>
public sealed class StoreRefusedBytesException(string message, Exception? inner = null) : Exception(message, inner);
