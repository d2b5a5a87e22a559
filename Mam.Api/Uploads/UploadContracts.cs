namespace Mam.Api.Uploads;

public sealed record StartUploadRequest(string? Project, string? Card, string? Path, long Size, string? Xxh64);

/// <summary>The state of an upload session; <c>Parts[n].Url</c> is relative (PUT to the API with the
/// API key) or absolute (a presigned URL of the object store: PUT there, no key).</summary>
public sealed record UploadSessionView(Guid Id, string StorageKey, long Size, string Xxh64, long PartSize, string Status, IReadOnlyList<UploadPartView> Parts);

public sealed record UploadPartView(int Number, long Size, bool Received, string Url);
