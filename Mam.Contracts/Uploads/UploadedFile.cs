namespace Mam.Contracts.Uploads;

/// <summary>A file the server stored and re-hashed: body of <c>PUT /api/cards/{project}/{card}/files/{path}</c>
/// (201) and of <c>POST /api/uploads/{id}/complete</c> (200).</summary>
public sealed record UploadedFile(string StorageKey, long Size, string Xxh64);
