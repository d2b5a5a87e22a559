using Mam.Contracts.Cards;

namespace Mam.Api.Cards;

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
