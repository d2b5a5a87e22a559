using System.Net;
using Amazon.S3;
using Mam.Storage.Placement;

namespace Mam.Storage.S3;

public sealed partial class S3ObjectStore : IObjectPlacements
{
    /// <summary>HEAD object: x-amz-storage-class (absent for STANDARD), x-amz-restore (a restore under way,
    /// or done and readable until its expiry) and x-amz-archive-status (Intelligent-Tiering's archive tiers).
    /// Never GetObjectAttributes: Ceph RGW 16 answers it with the whole object body.</summary>
    public async Task<ObjectPlacement?> GetPlacementAsync(string key, CancellationToken cancellationToken)
    {
        var s3Key = S3Key(key);
        try
        {
            var head = await CallAsync("HEAD object", true, token => _client.GetObjectMetadataAsync(_options.Bucket, s3Key, token), cancellationToken)
                .ConfigureAwait(false);
            var storageClass = head.StorageClass?.Value is { Length: > 0 } named ? named : ObjectPlacement.Standard;
            var archived = ObjectPlacements.ArchiveClasses.Contains(storageClass) || head.ArchiveStatus?.Value is { Length: > 0 };
            DateTimeOffset? until = head.RestoreExpiration is { } expiry ? new DateTimeOffset(DateTime.SpecifyKind(expiry, DateTimeKind.Utc)) : null;
            var state = !archived ? ArchiveState.Online
                : head.RestoreInProgress == true ? ArchiveState.RestoreInProgress
                : until is not null ? ArchiveState.Restored
                : ArchiveState.Archived;
            return new ObjectPlacement(head.ContentLength, storageClass, state, until);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
