namespace Mam.Api.Cards;

/// <summary>What the ingest agent sends once every file of a card is uploaded and verified.</summary>
public sealed record RegisterCardRequest(
    string? Project,
    string? Name,
    string? Camera,
    string? Roll,
    string? Dit,
    string? SourceVolume,
    DateTimeOffset? OffloadedAt,
    IReadOnlyList<CardFileManifest>? Files);

public sealed record CardFileManifest(string? Path, long Size, Dictionary<string, string>? Hashes, string? StorageKey);

public sealed record RegisteredAsset(Guid Id, string ClipName);

public sealed record RegisterCardResponse(Guid CardId, IReadOnlyList<RegisteredAsset> Assets);

public sealed record UploadedFile(string StorageKey, long Size, string Xxh64);

public sealed record CardView(
    Guid Id,
    string Project,
    string Name,
    string? Camera,
    string? Roll,
    string? Dit,
    string? SourceVolume,
    DateTime OffloadedAt,
    DateTime RegisteredAt,
    IReadOnlyList<CardFileView> Files,
    IReadOnlyList<RegisteredAsset> Assets);

public sealed record CardFileView(string Path, long Size, string Xxh64, IReadOnlyDictionary<string, string> OtherHashes, string StorageKey, string Role, Guid? AssetId);
