using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Mam.Storage.S3;

internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3StorageOptions options)
    {
        var checksums = options.ChecksumMode == S3ChecksumMode.WhenSupported;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = checksums ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = checksums ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED,
            // Retries happen in our Polly pipeline, which knows which calls are safe to repeat.
            MaxErrorRetry = 0,
            Timeout = options.AttemptTimeout,
        };
        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public static PutBucketRequest CreateBucketRequest(S3StorageOptions options)
    {
        var request = new PutBucketRequest { BucketName = options.Bucket };
        // Only AWS wants a location constraint outside us-east-1; MinIO and RGW name their regions
        // (zonegroups) differently and refuse one they do not know.
        if (string.IsNullOrEmpty(options.ServiceUrl) && !string.Equals(options.Region, "us-east-1", StringComparison.Ordinal))
        {
            request.BucketRegionName = options.Region;
        }
        return request;
    }

    /// <summary>Presigned URLs take the endpoint's scheme; the SDK assumes HTTPS unless told.</summary>
    public static Protocol ProtocolOf(S3StorageOptions options) =>
        options.ServiceUrl is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS;
}
