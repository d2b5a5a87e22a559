namespace Mam.Contracts.Messages;

/// <summary>Write an asset's metadata and transcript to the search index. Messages are triggers only: the outcome lives in the catalog.</summary>
public sealed record IndexAsset(Guid AssetId);
