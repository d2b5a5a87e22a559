using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Mam.Storage.Placement;

namespace Mam.Storage.S3;

public sealed partial class S3ObjectStore : IArchiveRestores
{
    /// <summary>POST ?restore with the tier and the days the copy stays readable
    /// (https://docs.aws.amazon.com/AmazonS3/API/API_RestoreObject.html): 202 when taken, 200 when a
    /// restored copy exists (its expiry moves), 409 RestoreAlreadyInProgress when one is coming. Safe to
    /// repeat, so it goes through the retries. Ceph RGW 16 answers 501; that surfaces as it is.</summary>
    public async Task<ArchiveRequestOutcome> RequestRestoreAsync(string key, string tier, int days, CancellationToken cancellationToken)
    {
        var s3Key = S3Key(key);
        try
        {
            var response = await CallAsync("restore object", true, token => _client.RestoreObjectAsync(new RestoreObjectRequest
            {
                BucketName = _options.Bucket,
                Key = s3Key,
                Days = days,
                Tier = GlacierJobTier.FindValue(tier),
            }, token), cancellationToken).ConfigureAwait(false);
            return response.HttpStatusCode == HttpStatusCode.OK ? ArchiveRequestOutcome.AlreadyReadable : ArchiveRequestOutcome.Accepted;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Conflict && string.Equals(ex.ErrorCode, "RestoreAlreadyInProgress", StringComparison.Ordinal))
        {
            return ArchiveRequestOutcome.AlreadyUnderWay;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key);
        }
        catch (AmazonS3Exception ex)
        {
            throw new ArchiveRequestRefusedException(key, $"{(int)ex.StatusCode} {ex.ErrorCode} {ex.Message}".Trim(), ex);
        }
    }
}
