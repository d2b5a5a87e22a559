namespace Mam.Contracts.Uploads;

/// <summary>Body of <c>POST /api/uploads</c>: open (or find the open) resumable upload session of one file.</summary>
public sealed record StartUploadRequest(string? Project, string? Card, string? Path, long Size, string? Xxh64);
