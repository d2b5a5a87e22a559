namespace Mam.Contracts.Uploads;

/// <summary>The values of <see cref="UploadSessionView.Status"/> on the wire.</summary>
public static class UploadStatuses
{
    public const string Open = "open";
    public const string Complete = "complete";
    public const string Failed = "failed";
    /// <summary>Unused for longer than the server keeps an open upload; its parts were removed. Open a new session.</summary>
    public const string Expired = "expired";
}
