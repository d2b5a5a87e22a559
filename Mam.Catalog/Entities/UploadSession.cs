namespace Mam.Catalog.Entities;

public enum UploadStatus
{
    Open,
    Complete,
    /// <summary>Did not verify, or can never be stored under its name; nothing of it is kept.</summary>
    Failed,
    /// <summary>Unused for Uploads:ExpireAfter; its staged parts were removed.</summary>
    Expired,
}

/// <summary>A resumable upload of one original: the agent may be killed or lose the network and
/// pick up where it stopped, because the parts already received are known to the store.</summary>
public sealed class UploadSession
{
    public Guid Id { get; set; }
    public required string Project { get; set; }
    public required string Card { get; set; }
    public required string RelativePath { get; set; }
    public required string StorageKey { get; set; }
    public long Size { get; set; }
    public required string Xxh64 { get; set; }
    /// <summary>The store's own upload id (S3 UploadId, or the filesystem store's staging folder).</summary>
    public required string StoreUploadId { get; set; }
    public long PartSize { get; set; }
    public UploadStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The last status change, or for an open session the last time it was used (opened, viewed, sent a part through the API).</summary>
    public DateTime UpdatedAt { get; set; }

    public int PartCount => Size == 0 ? 1 : (int)((Size + PartSize - 1) / PartSize);

    public long SizeOfPart(int number) => number < PartCount ? PartSize : Size - (PartSize * (PartCount - 1));
}
