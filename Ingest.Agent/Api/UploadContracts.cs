namespace Ingest.Agent.Api;

/// <summary>Body of <c>POST /api/uploads</c>: open (or find the open) resumable upload session of one file.</summary>
public sealed record UploadSessionRequest(string Project, string Card, string Path, long Size, string Xxh64);

/// <summary>201/200 body of <c>POST /api/uploads</c> and of <c>GET /api/uploads/{id}</c>.</summary>
/// <param name="Status">open, or complete when the object is already stored with that hash.</param>
public sealed record UploadSession(Guid Id, string StorageKey, long PartSize, string Status, IReadOnlyList<UploadPart> Parts)
{
    public bool IsComplete => string.Equals(Status, "complete", StringComparison.Ordinal);
}

/// <param name="Url">Relative (PUT to the API with the key and X-Content-XXH64) or absolute (a presigned storage URL).</param>
public sealed record UploadPart(int Number, long Size, bool Received, string Url);

/// <summary>200 body of <c>POST /api/uploads/{id}/complete</c>.</summary>
public sealed record CompletedUpload(string StorageKey, long Size, string Xxh64);
