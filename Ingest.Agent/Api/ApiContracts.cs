namespace Ingest.Agent.Api;

/// <summary>201 body of <c>PUT /api/cards/{project}/{card}/files/{path}</c>.</summary>
public sealed record UploadedFile(string StorageKey, long Size, string Xxh64);

/// <summary>Body of <c>POST /api/cards</c> (camelCase on the wire).</summary>
public sealed record RegisterCardRequest(
    string Project,
    string Name,
    string? Camera,
    string? Roll,
    string Dit,
    string SourceVolume,
    DateTime OffloadedAt,
    IReadOnlyList<RegisteredCardFile> Files);

public sealed record RegisteredCardFile(string Path, long Size, IReadOnlyDictionary<string, string> Hashes, string StorageKey);

/// <summary>201 body of <c>POST /api/cards</c>.</summary>
public sealed record CardRegistration(Guid CardId, IReadOnlyList<RegisteredAsset> Assets);

public sealed record RegisteredAsset(Guid Id, string ClipName);

/// <summary>RFC 9457 problem details, as the API returns for 4xx.</summary>
public sealed record ProblemDetails(string? Title, string? Detail, int? Status, string? Type = null);
