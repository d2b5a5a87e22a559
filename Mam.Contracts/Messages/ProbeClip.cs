namespace Mam.Contracts.Messages;

/// <summary>Read technical metadata (ffprobe) of an asset's original. Messages are triggers only: the outcome lives in the catalog.</summary>
public sealed record ProbeClip(Guid AssetId);
