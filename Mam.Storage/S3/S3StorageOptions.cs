using System.ComponentModel.DataAnnotations;

namespace Mam.Storage.S3;

/// <summary>How requests are checksummed. AWSSDK v4 adds CRC checksums to every upload by default
/// (WhenSupported); Ceph RGW 16 and some other S3-compatible stores reject those with
/// XAmzContentSHA256Mismatch, so the default sends them only where the S3 API requires them.</summary>
public enum S3ChecksumMode
{
    WhenRequired,
    WhenSupported,
}

/// <summary>Section "Storage:S3": any S3-compatible store (AWS S3, MinIO, Ceph RGW).</summary>
public sealed class S3StorageOptions
{
    public const string Section = "Storage:S3";

    /// <summary>The store's endpoint, e.g. http://minio:9000. Empty means AWS S3 in <see cref="Region"/>.</summary>
    [Url]
    public string? ServiceUrl { get; set; }

    [Required]
    public string Region { get; set; } = "us-east-1";

    [Required]
    public string AccessKey { get; set; } = "";

    [Required]
    public string SecretKey { get; set; } = "";

    /// <summary>Created on first use when missing. S3 bucket naming rules: 3–63 lowercase letters,
    /// digits, dots and hyphens (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    public string Bucket { get; set; } = "";

    /// <summary>Path-style URLs (endpoint/bucket/key): what MinIO and RGW expect without wildcard DNS.</summary>
    public bool ForcePathStyle { get; set; } = true;

    public S3ChecksumMode ChecksumMode { get; set; } = S3ChecksumMode.WhenRequired;

    /// <summary>Prepended to every key (e.g. "mam/"), so one bucket can hold several installations.</summary>
    [RegularExpression("^[^/].*$", ErrorMessage = "KeyPrefix must not start with '/'.")]
    public string? KeyPrefix { get; set; }

    /// <summary>S3 storage class of stored objects (STANDARD, STANDARD_IA, …); empty leaves the store's default.
    /// <see cref="Tiers"/> can name another per kind of object.</summary>
    public string? StorageClass { get; set; }

    /// <summary>A storage class per kind of object, and originals' move to a colder class after some days.
    /// With a transition set, the server owns the bucket's lifecycle configuration (see <see cref="S3ObjectStore.ApplyLifecycleAsync"/>).</summary>
    public S3TiersOptions Tiers { get; set; } = new();

    /// <summary>What data annotations cannot say: class names and the tiers' rules, each problem naming
    /// its setting under <paramref name="section"/> (Storage:S3, or a replica's section).</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (!S3StorageClassNames.IsValid(StorageClass))
        {
            yield return S3StorageClassNames.Problem($"{section}:StorageClass", StorageClass!);
        }
        foreach (var problem in Tiers.Problems($"{section}:Tiers", StorageClass))
        {
            yield return problem;
        }
    }

    /// <summary>Part size of multipart uploads. S3 needs at least 5 MiB per part (except the last) and
    /// allows 10,000 parts, so 16 MiB covers originals up to ~156 GiB; raise it for larger files.</summary>
    [Range(5, 5120)]
    public int PartSizeMiB { get; set; } = 16;

    /// <summary>Objects larger than this are copied server-side in parts (UploadPartCopy). S3 copies at
    /// most 5 GiB in one request; some compatible stores allow less.</summary>
    [Range(5, 5120)]
    public int CopyInPartsAboveMiB { get; set; } = 5120;

    /// <summary>Retries after the first attempt of a call that is safe to repeat (reads, part uploads from
    /// memory, copies, deletes), with exponential backoff and jitter.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>One attempt of one request; a part upload over a slow link has to fit in it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Send <c>x-amz-checksum-xxhash64</c> with uploads (AWS S3 checks it and refuses a bad part
    /// with BadDigest). Off by default: Ceph RGW 16 ignores the header, so it buys nothing there.</summary>
    [EnumDataType(typeof(StoreChecksums))]
    public StoreChecksums StoreChecksums { get; set; } = StoreChecksums.None;

    internal long PartSize => PartSizeMiB * 1024L * 1024L;

    internal long CopyInPartsAbove => CopyInPartsAboveMiB * 1024L * 1024L;
}
