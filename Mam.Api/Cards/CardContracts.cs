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

/// <summary>One card in a list: who offloaded it, when, and how much it holds.</summary>
public sealed record CardSummary(
    Guid Id,
    string Project,
    string Name,
    string? Camera,
    string? Roll,
    string? Dit,
    DateTime OffloadedAt,
    DateTime RegisteredAt,
    int Files,
    long Bytes,
    int Clips,
    string Url);

public sealed record CardPage(int Total, int Skip, int Take, IReadOnlyList<CardSummary> Items);

public sealed record CardFileView(string Path, long Size, string Xxh64, IReadOnlyDictionary<string, string> OtherHashes, string StorageKey, string Role, Guid? AssetId);
