namespace Mam.Contracts.Messages;

/// <summary>A clip was catalogued; the pipeline starts from here. Messages are triggers only: the outcome lives in the catalog.</summary>
public sealed record AssetRegistered(Guid AssetId);
