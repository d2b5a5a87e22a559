namespace Mam.Contracts.Messages;

/// <summary>Transcribe an asset's dialogue with word timings. Messages are triggers only: the outcome lives in the catalog.</summary>
public sealed record TranscribeClip(Guid AssetId);
