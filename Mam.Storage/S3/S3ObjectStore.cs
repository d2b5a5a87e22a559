using System.Buffers;
using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Mam.Integrity.Hashing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Mam.Storage.S3;

/// <summary>Originals and renditions in any S3-compatible store (AWS S3, MinIO, Ceph RGW), with the
/// filesystem store's guarantees: an object appears under its key only after its xxh64 checked, and
/// a failed or refused write leaves an existing object at that key untouched.</summary>
public sealed partial class S3ObjectStore : IObjectStore, IMultipartObjectStore, IDisposable
{
    // S3 limits: https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
    private const int MaxKeyBytes = 1024;
    private const int MaxParts = 10_000;
    private const int ReadBufferSize = 1 << 20;

    private readonly S3StorageOptions _options;
    private readonly AmazonS3Client _client;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly ResiliencePipeline _retrying;
    private readonly ResiliencePipeline _once;
    private readonly ResiliencePipeline _retryingUntimed;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    public S3ObjectStore(IOptions<S3StorageOptions> options, TimeProvider clock, ILogger<S3ObjectStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _prefix = string.IsNullOrEmpty(_options.KeyPrefix) ? "" : _options.KeyPrefix.TrimEnd('/') + "/";
        _client = S3ClientFactory.Create(_options);
        _retrying = S3Resilience.Build(_options, _options.MaxRetryAttempts, perAttemptTimeout: true, _logger);
        _once = S3Resilience.Build(_options, 0, perAttemptTimeout: true, _logger);
        _retryingUntimed = S3Resilience.Build(_options, _options.MaxRetryAttempts, perAttemptTimeout: false, _logger);
    }

    public long PartSize => _options.PartSize;

    public int MaxPartCount => MaxParts;

    public async Task<StoredObject> PutAsync(string key, Stream content, string? expectedXxh64, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var s3Key = S3Key(key);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);

        var partSize = checked((int)PartSize);
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            using var hasher = Xxh64.CreateHasher();
            var filled = await FillAsync(content, buffer, partSize, cancellationToken).ConfigureAwait(false);
            hasher.Append(buffer.AsSpan(0, filled));
            if (filled == partSize)
            {
                return await PutInPartsAsync(key, s3Key, content, buffer, hasher, expectedXxh64, cancellationToken).ConfigureAwait(false);
            }

            // The whole object is in memory: it is verified before a byte is sent, then sent in one PUT.
            var actual = hasher.GetHashText();
            EnsureMatches(key, expectedXxh64, actual);
            await RefusedBytesAsync($"'{key}'", () => CallAsync("PUT object", true, token => _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = s3Key,
                InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                StorageClass = StorageClassFor(key),
                // The whole file's xxh64, as taken on set (checked above): the store checks it again on arrival.
                ChecksumXXHASH64 = UsesChecksums ? StoreChecksum.Base64OfXxh64(actual) : null,
            }, token), cancellationToken)).ConfigureAwait(false);
            return new StoredObject(key, filled, actual);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var s3Key = S3Key(key);
        try
        {
            var response = await CallAsync("GET object", true, token => _client.GetObjectAsync(_options.Bucket, s3Key, token),
                cancellationToken, withTimeout: false).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key);
        }
    }

    public async Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        var s3Key = S3Key(key);
        try
        {
            var metadata = await CallAsync("HEAD object", true, token => _client.GetObjectMetadataAsync(_options.Bucket, s3Key, token), cancellationToken)
                .ConfigureAwait(false);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        DeleteS3ObjectAsync(S3Key(key), cancellationToken);

    /// <summary>Always null: objects are remote; <see cref="LocalObjectCopy"/> downloads them.</summary>
    public string? TryGetLocalPath(string key) => null;

    /// <summary>A presigned GET (SigV4 query string); S3 and RGW serve Range requests on it.</summary>
    public Uri? TryGetReadUrl(string key, TimeSpan validity) => new(_client.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = _options.Bucket,
        Key = S3Key(key),
        Verb = HttpVerb.GET,
        Protocol = S3ClientFactory.ProtocolOf(_options),
        Expires = _clock.GetUtcNow().UtcDateTime + (validity > MaxPresignValidity ? MaxPresignValidity : validity),
    }));

    public void Dispose()
    {
        _client.Dispose();
        _bucketGate.Dispose();
    }

    // Parts are uploaded while the next one is read from the source, so the network and the source
    // overlap; memory stays at two parts however large the object. The upload is completed only
    // after the whole stream hashed right; until then S3 shows nothing at the key.
    private async Task<StoredObject> PutInPartsAsync(string key, string s3Key, Stream content, byte[] first, IContentHasher hasher,
        string? expectedXxh64, CancellationToken cancellationToken)
    {
        var partSize = checked((int)PartSize);
        var uploadId = await InitiateAsync(s3Key, StorageClassFor(key), UsesChecksums, cancellationToken).ConfigureAwait(false);
        var spare = ArrayPool<byte>.Shared.Rent(partSize);
        Task<PartETag>? inFlight = null;
        try
        {
            var etags = new List<PartETag>();
            var (current, next, filled, size) = (first, spare, partSize, 0L);
            for (var number = 1; filled > 0; number++)
            {
                if (number > MaxParts)
                {
                    throw new InvalidOperationException($"'{key}' needs more than {MaxParts} parts of {_options.PartSizeMiB} MiB; raise Storage:S3:PartSizeMiB.");
                }
                inFlight = UploadPartFromMemoryAsync(s3Key, uploadId, number, current, filled, cancellationToken);
                var nextFilled = filled == partSize ? await FillAsync(content, next, partSize, cancellationToken).ConfigureAwait(false) : 0;
                etags.Add(await inFlight.ConfigureAwait(false));
                inFlight = null;
                size += filled;
                hasher.Append(next.AsSpan(0, nextFilled));
                (current, next, filled) = (next, current, nextFilled);
            }

            var actual = hasher.GetHashText();
            EnsureMatches(key, expectedXxh64, actual);
            await CompleteAsync(s3Key, uploadId, etags, cancellationToken).ConfigureAwait(false);
            return new StoredObject(key, size, actual);
        }
        catch
        {
            // A part still being sent reads from a pooled buffer: let it finish before the buffer is returned.
            if (inFlight is not null)
            {
                await Task.WhenAny(inFlight).ConfigureAwait(false);
            }
            await AbortQuietlyAsync(s3Key, uploadId).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private async Task<PartETag> UploadPartFromMemoryAsync(string s3Key, string uploadId, int number, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var checksum = UsesChecksums ? StoreChecksum.Base64OfXxh64(Xxh64.HashHex(buffer.AsSpan(0, length))) : null;
        var response = await CallAsync("upload part", true, token => _client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _options.Bucket,
            Key = s3Key,
            UploadId = uploadId,
            PartNumber = number,
            PartSize = length,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            ChecksumXXHASH64 = checksum,
        }, token), cancellationToken).ConfigureAwait(false);
        return new PartETag(number, response.ETag) { ChecksumXXHASH64 = checksum };
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < count && (read = await content.ReadAsync(buffer.AsMemory(filled, count - filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }
        return filled;
    }

    private static void EnsureMatches(string key, string? expectedXxh64, string actual)
    {
        if (expectedXxh64 is not null && !string.Equals(expectedXxh64, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new ObjectHashMismatchException(key, expectedXxh64.ToLowerInvariant(), actual);
        }
    }

    /// <summary>The class an object is written in: its kind's tier (Storage:S3:Tiers), else Storage:S3:StorageClass,
    /// else none, which leaves the store's default (STANDARD).</summary>
    private S3StorageClass? StorageClassFor(string key)
    {
        var tier = ObjectKeys.KindOf(key) switch
        {
            StoredKind.Original => _options.Tiers.Originals.StorageClass,
            StoredKind.Proxy => _options.Tiers.Proxies.StorageClass,
            StoredKind.Rendition => _options.Tiers.Renditions.StorageClass,
            _ => null,
        };
        var name = string.IsNullOrWhiteSpace(tier) ? _options.StorageClass : tier;
        return string.IsNullOrWhiteSpace(name) ? null : S3StorageClass.FindValue(name);
    }

    private string S3Key(string key)
    {
        ObjectKeys.EnsureValidKey(key);
        var full = _prefix + key;
        if (Encoding.UTF8.GetByteCount(full) > MaxKeyBytes)
        {
            throw new InvalidObjectKeyException($"'{key}' is longer than the {MaxKeyBytes} bytes S3 allows for a key.");
        }
        return full;
    }

    private string Endpoint => string.IsNullOrEmpty(_options.ServiceUrl) ? $"AWS S3 ({_options.Region})" : _options.ServiceUrl;

    /// <summary>Runs one S3 call through the retry pipeline (or once), turning "the store did not answer"
    /// into <see cref="ObjectStoreUnavailableException"/> and leaving S3's own answers (404, 403…) as they are.</summary>
    private async Task<T> CallAsync<T>(string what, bool retry, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool withTimeout = true)
    {
        // A GET returns a stream that outlives the call; Polly's pooled timeout token must not be
        // tied to it, so reads rely on the SDK's own HTTP timeout instead.
        var pipeline = !withTimeout ? _retryingUntimed : retry ? _retrying : _once;
        try
        {
            return await pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (S3Resilience.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            var attempts = retry ? _options.MaxRetryAttempts + 1 : 1;
            throw new ObjectStoreUnavailableException(
                $"The S3 store at {Endpoint} did not answer ({what}, {attempts} attempt{(attempts == 1 ? "" : "s")}): {ex.Message}", ex);
        }
    }

    private async Task DeleteS3ObjectAsync(string s3Key, CancellationToken cancellationToken) =>
        await CallAsync("DELETE object", true, token => _client.DeleteObjectAsync(_options.Bucket, s3Key, token), cancellationToken).ConfigureAwait(false);

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
        {
            return;
        }
        await _bucketGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_bucketReady)
            {
                return;
            }
            try
            {
                await CallAsync("HEAD bucket", true, token => _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _options.Bucket }, token), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                _logger.LogInformation("Creating bucket {Bucket} at {Endpoint}", _options.Bucket, Endpoint);
                try
                {
                    await CallAsync("create bucket", true, token => _client.PutBucketAsync(S3ClientFactory.CreateBucketRequest(_options), token), cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (AmazonS3Exception created) when (string.Equals(created.ErrorCode, "BucketAlreadyOwnedByYou", StringComparison.Ordinal))
                {
                    // Another instance created it a moment ago.
                }
            }
            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }
}
