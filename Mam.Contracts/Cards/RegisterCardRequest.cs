namespace Mam.Contracts.Cards;

/// <summary>Body of <c>POST /api/cards</c>: what the ingest agent sends once every file of a card is
/// uploaded and verified. Fields are nullable because the server validates what arrives and answers a
/// missing one with a problem naming it. Destinations (optional) are the on-set copies the archivist's
/// 3-2-1 view counts.</summary>
public sealed record RegisterCardRequest(
    string? Project,
    string? Name,
    string? Camera,
    string? Roll,
    string? Dit,
    string? SourceVolume,
    DateTimeOffset? OffloadedAt,
    IReadOnlyList<CardFileManifest>? Files,
    IReadOnlyList<CardDestination>? Destinations = null);
