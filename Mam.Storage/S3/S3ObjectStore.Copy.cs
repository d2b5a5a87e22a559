using Amazon.S3;
using Amazon.S3.Model;

namespace Mam.Storage.S3;

/// <summary>Server-side copies from the temporary key to the real one: the bytes never leave the store.</summary>
public sealed partial class S3ObjectStore
{
    private const long MaxSingleCopyBytes = 5L * 1024 * 1024 * 1024;

    private async Task CopyAsync(string sourceKey, string targetKey, long size, S3StorageClass? storageClass, CancellationToken cancellationToken)
    {
        if (size <= Math.Min(_options.CopyInPartsAbove, MaxSingleCopyBytes))
        {
            // Same source, same target: repeating a copy is harmless, so it may be retried.
            await CallAsync("copy object", true, token => _client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = _options.Bucket,
                SourceKey = sourceKey,
                DestinationBucket = _options.Bucket,
                DestinationKey = targetKey,
                MetadataDirective = S3MetadataDirective.COPY,
                StorageClass = storageClass,
            }, token), cancellationToken).ConfigureAwait(false);
            return;
        }
        await CopyInPartsAsync(sourceKey, targetKey, size, storageClass, cancellationToken).ConfigureAwait(false);
    }

    // UploadPartCopy: https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
    private async Task CopyInPartsAsync(string sourceKey, string targetKey, long size, S3StorageClass? storageClass, CancellationToken cancellationToken)
    {
        var partSize = Math.Max(Math.Min(_options.CopyInPartsAbove, MaxSingleCopyBytes), (size + MaxParts - 1) / MaxParts);
        var uploadId = await InitiateAsync(targetKey, storageClass, withChecksums: false, cancellationToken).ConfigureAwait(false);
        try
        {
            var etags = new List<PartETag>();
            var number = 1;
            for (long first = 0; first < size; first += partSize, number++)
            {
                var (part, from, to) = (number, first, Math.Min(first + partSize, size) - 1);
                var response = await CallAsync("copy part", true, token => _client.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = _options.Bucket,
                    SourceKey = sourceKey,
                    DestinationBucket = _options.Bucket,
                    DestinationKey = targetKey,
                    UploadId = uploadId,
                    PartNumber = part,
                    FirstByte = from,
                    LastByte = to,
                }, token), cancellationToken).ConfigureAwait(false);
                etags.Add(new PartETag(part, response.ETag));
            }
            await CompleteAsync(targetKey, uploadId, etags, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortQuietlyAsync(targetKey, uploadId).ConfigureAwait(false);
            throw;
        }
    }
}
