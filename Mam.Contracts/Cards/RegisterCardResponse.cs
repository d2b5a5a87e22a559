namespace Mam.Contracts.Cards;

/// <summary>201 (or 200 when the same card was registered before) body of <c>POST /api/cards</c>.</summary>
public sealed record RegisterCardResponse(Guid CardId, IReadOnlyList<RegisteredAsset> Assets);
