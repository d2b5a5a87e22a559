namespace Mam.Contracts.Uploads;

/// <summary>The values of <see cref="UploadSessionView.Status"/> on the wire.</summary>
public static class UploadStatuses
{
    public const string Open = "open";
    public const string Complete = "complete";
    public const string Failed = "failed";
}
