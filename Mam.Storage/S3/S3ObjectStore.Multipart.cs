using System.Buffers;
using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Mam.Integrity.Hashing;
using Microsoft.Extensions.Logging;

namespace Mam.Storage.S3;

/// <summary>Resumable uploads: the agent PUTs parts straight to S3 on presigned URLs. Parts are
/// assembled under a temporary key (".incoming/{id}"), read back and hashed, and only a verified
/// object is copied server-side to its real key, so a bad upload never replaces a good original.</summary>
public sealed partial class S3ObjectStore
{
    private const string IncomingFolder = ".incoming/";
    private static readonly TimeSpan MaxPresignValidity = TimeSpan.FromDays(7);

    public async Task<string> StartMultipartAsync(string key, CancellationToken cancellationToken)
    {
        S3Key(key);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var incoming = Guid.NewGuid().ToString("N");
        // The parts' temporary object takes the store's default class; the copy to the real key takes the kind's.
        var s3UploadId = await InitiateAsync(IncomingKey(incoming), null, UsesChecksums, cancellationToken).ConfigureAwait(false);
        // Our id carries the temporary key's name, which S3's own upload id cannot.
        return $"{incoming}.{s3UploadId}";
    }

    public bool ChecksPartHashes => UsesChecksums;

    private bool UsesChecksums => _options.StoreChecksums == StoreChecksums.Xxh64;

    public PartTarget GetPartTarget(string key, string uploadId, int partNumber, TimeSpan validity, string? partXxh64 = null)
    {
        S3Key(key);
        EnsurePartNumber(partNumber);
        var (incomingKey, s3UploadId) = ParseUploadId(uploadId);
        if (UsesChecksums && partXxh64 is null)
        {
            // An upload created with XXHASH64 takes only parts that carry theirs; the API hashes what it receives.
            return PartTarget.ViaApi;
        }
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = incomingKey,
            Verb = HttpVerb.PUT,
            UploadId = s3UploadId,
            PartNumber = partNumber,
            Protocol = S3ClientFactory.ProtocolOf(_options),
            // SigV4 presigned URLs live at most 7 days.
            Expires = _clock.GetUtcNow().UtcDateTime + (validity > MaxPresignValidity ? MaxPresignValidity : validity),
        };
        Dictionary<string, string>? headers = null;
        if (UsesChecksums)
        {
            // Signed as a header, not left in the query string: AWS checks a checksum only in a header, and
            // refuses x-amz-* headers a presigned URL did not sign. So the URL is for these bytes only.
            headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [StoreChecksum.Header] = StoreChecksum.Base64OfXxh64(partXxh64!) };
            request.Headers[StoreChecksum.Header] = headers[StoreChecksum.Header];
        }
        return new PartTarget(new Uri(_client.GetPreSignedURL(request)), headers);
    }

    public async Task PutPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        S3Key(key);
        EnsurePartNumber(partNumber);
        var (incomingKey, s3UploadId) = ParseUploadId(uploadId);
        // A seekable part can be sent again from its start; a one-way stream gets one attempt.
        var start = content.CanSeek ? content.Position : -1;
        var checksum = UsesChecksums ? StoreChecksum.Base64OfXxh64(await HashPartAsync(content, start, cancellationToken).ConfigureAwait(false)) : null;
        await RefusedBytesAsync($"part {partNumber} of '{key}'", () => CallAsync("upload part", content.CanSeek, token =>
        {
            if (start >= 0)
            {
                content.Position = start;
            }
            return _client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _options.Bucket,
                Key = incomingKey,
                UploadId = s3UploadId,
                PartNumber = partNumber,
                PartSize = length,
                InputStream = new UnclosableStream(content),
                ChecksumXXHASH64 = checksum,
            }, token);
        }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The part's xxh64 before it is sent: the header travels ahead of the bytes.</summary>
    private static async Task<string> HashPartAsync(Stream content, long start, CancellationToken cancellationToken)
    {
        if (start < 0)
        {
            throw new InvalidOperationException("Store checksums need a part that can be read twice (hashed, then sent).");
        }
        using var hasher = Xxh64.CreateHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ReadBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        content.Position = start;
        return hasher.GetHashText();
    }

    /// <summary>S3's 400 BadDigest (the checksum header does not match the bytes that arrived) as the MAM's own words.</summary>
    private static async Task<T> RefusedBytesAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (string.Equals(ex.ErrorCode, "BadDigest", StringComparison.Ordinal))
        {
            throw new StoreRefusedBytesException($"The store refused {what}: its {StoreChecksum.Header} does not match the bytes that arrived (BadDigest: {ex.Message}). Nothing was stored; send it again.", ex);
        }
    }

    public async Task<IReadOnlyDictionary<int, long>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        S3Key(key);
        var (incomingKey, s3UploadId) = ParseUploadId(uploadId);
        var parts = await ListPartDetailsAsync(incomingKey, s3UploadId, cancellationToken).ConfigureAwait(false);
        return parts?.ToDictionary(p => p.Key, p => p.Value.Size ?? 0) ?? new Dictionary<int, long>();
    }

    public async Task<StoredObject> CompleteMultipartAsync(string key, string uploadId, int partCount, string expectedXxh64, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectedXxh64);
        var s3Key = S3Key(key);
        var (incomingKey, s3UploadId) = ParseUploadId(uploadId);

        var parts = await ListPartDetailsAsync(incomingKey, s3UploadId, cancellationToken).ConfigureAwait(false);
        if (parts is not null)
        {
            var missing = Enumerable.Range(1, partCount).Where(n => !parts.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Upload {uploadId} of '{key}' is missing part(s) {string.Join(", ", missing.Take(10))} of {partCount}."));
            }
            // An upload created with XXHASH64 is completed with each part's checksum, as the store recorded it.
            var etags = Enumerable.Range(1, partCount).Select(n => new PartETag(n, parts[n].ETag) { ChecksumXXHASH64 = UsesChecksums ? parts[n].ChecksumXXHASH64 : null }).ToList();
            await CompleteAsync(incomingKey, s3UploadId, etags, cancellationToken).ConfigureAwait(false);
        }
        else if (await GetIncomingSizeAsync(incomingKey, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"There is no upload {uploadId} of '{key}': it was aborted, or completed and verified earlier.");
        }
        // else: an earlier call assembled the parts but did not get to verify them; carry on from there.

        var (size, actual) = await HashObjectAsync(incomingKey, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, expectedXxh64, StringComparison.OrdinalIgnoreCase))
        {
            await DeleteS3ObjectAsync(incomingKey, cancellationToken).ConfigureAwait(false);
            throw new ObjectHashMismatchException(key, expectedXxh64.ToLowerInvariant(), actual);
        }

        await CopyAsync(incomingKey, s3Key, size, StorageClassFor(key), cancellationToken).ConfigureAwait(false);
        await DeleteS3ObjectAsync(incomingKey, cancellationToken).ConfigureAwait(false);
        return new StoredObject(key, size, actual);
    }

    public async Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        S3Key(key);
        var (incomingKey, s3UploadId) = ParseUploadId(uploadId);
        try
        {
            await CallAsync("abort upload", true, token => _client.AbortMultipartUploadAsync(_options.Bucket, incomingKey, s3UploadId, token), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already aborted or completed.
        }
        await DeleteS3ObjectAsync(incomingKey, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="withChecksums">Created with XXHASH64 (COMPOSITE): every part must then carry its xxh64.</param>
    private async Task<string> InitiateAsync(string s3Key, S3StorageClass? storageClass, bool withChecksums, CancellationToken cancellationToken)
    {
        // Retrying a start can leave an empty upload behind; it holds no data (and a bucket
        // lifecycle rule AbortIncompleteMultipartUpload clears such leftovers).
        var response = await CallAsync("start upload", true, token => _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _options.Bucket,
            Key = s3Key,
            StorageClass = storageClass,
            ChecksumAlgorithm = withChecksums ? ChecksumAlgorithm.XXHASH64 : null,
            ChecksumType = withChecksums ? ChecksumType.COMPOSITE : null,
        }, token), cancellationToken).ConfigureAwait(false);
        return response.UploadId;
    }

    private async Task CompleteAsync(string s3Key, string s3UploadId, List<PartETag> etags, CancellationToken cancellationToken) =>
        await CallAsync("complete upload", false, token => _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _options.Bucket,
            Key = s3Key,
            UploadId = s3UploadId,
            PartETags = etags,
        }, token), cancellationToken).ConfigureAwait(false);

    private async Task AbortQuietlyAsync(string s3Key, string s3UploadId)
    {
        try
        {
            await CallAsync("abort upload", true, token => _client.AbortMultipartUploadAsync(_options.Bucket, s3Key, s3UploadId, token), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonS3Exception or ObjectStoreUnavailableException)
        {
            _logger.LogWarning(ex, "Could not abort upload {UploadId} of {Key}; a lifecycle rule will have to", s3UploadId, s3Key);
        }
    }

    /// <summary>Part number → part, or null when S3 has no such upload (aborted or completed).</summary>
    private async Task<Dictionary<int, PartDetail>?> ListPartDetailsAsync(string incomingKey, string s3UploadId, CancellationToken cancellationToken)
    {
        var parts = new Dictionary<int, PartDetail>();
        string? marker = null;
        try
        {
            while (true)
            {
                var response = await CallAsync("list parts", true, token => _client.ListPartsAsync(new ListPartsRequest
                {
                    BucketName = _options.Bucket,
                    Key = incomingKey,
                    UploadId = s3UploadId,
                    PartNumberMarker = marker,
                }, token), cancellationToken).ConfigureAwait(false);
                // AWSSDK v4 gives null instead of an empty list.
                foreach (var part in response.Parts ?? [])
                {
                    parts[part.PartNumber ?? 0] = part;
                }
                if (response.IsTruncated != true || response.NextPartNumberMarker is null)
                {
                    return parts;
                }
                marker = response.NextPartNumberMarker.Value.ToString(CultureInfo.InvariantCulture);
            }
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<long?> GetIncomingSizeAsync(string incomingKey, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await CallAsync("HEAD object", true, token => _client.GetObjectMetadataAsync(_options.Bucket, incomingKey, token), cancellationToken)
                .ConfigureAwait(false);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<(long Size, string Xxh64)> HashObjectAsync(string s3Key, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GET object", true, token => _client.GetObjectAsync(_options.Bucket, s3Key, token), cancellationToken, withTimeout: false)
            .ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        try
        {
            using (response)
            {
                using var hasher = Xxh64.CreateHasher();
                long size = 0;
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer.AsMemory(0, ReadBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hasher.Append(buffer.AsSpan(0, read));
                    size += read;
                }
                return (size, hasher.GetHashText());
            }
        }
        catch (Exception ex) when (S3Resilience.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectStoreUnavailableException($"Reading back '{s3Key}' from {Endpoint} to verify it failed: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string IncomingKey(string incoming) => _prefix + IncomingFolder + incoming;

    private (string IncomingKey, string S3UploadId) ParseUploadId(string uploadId)
    {
        // "{32 hex digits}.{S3 upload id}" as StartMultipartAsync made it; it comes back through the API.
        if (uploadId is null || uploadId.Length < 34 || uploadId[32] != '.' || !Guid.TryParseExact(uploadId.AsSpan(0, 32), "N", out _))
        {
            throw new InvalidObjectKeyException($"'{uploadId}' is not an upload id of this store.");
        }
        return (IncomingKey(uploadId[..32]), uploadId[33..]);
    }

    private static void EnsurePartNumber(int partNumber)
    {
        if (partNumber is < 1 or > MaxParts)
        {
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, "S3 part numbers run from 1 to 10,000.");
        }
    }
}
