namespace Mam.Contracts.Cards;

/// <summary>A clip of a registered card, now an asset the pipeline works on.</summary>
public sealed record RegisteredAsset(Guid Id, string ClipName);
