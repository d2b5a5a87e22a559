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

    /// <summary>Where the client should PUT part <paramref name="partNumber"/> (1-based).</summary>
    PartTarget GetPartTarget(string key, string uploadId, int partNumber, TimeSpan validity);

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
public sealed record PartTarget(Uri? PresignedUrl)
{
    public static PartTarget ViaApi { get; } = new((Uri?)null);
}
