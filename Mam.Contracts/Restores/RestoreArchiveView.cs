namespace Mam.Contracts.Restores;

/// <summary>A started restore's files in an archive tier, on their way back.</summary>
/// <param name="Tier">The retrieval tier they were requested with.</param>
/// <param name="Files">Files in an archive tier.</param>
/// <param name="Coming">Requested, not readable yet.</param>
/// <param name="Readable">Readable now (until <paramref name="ReadableUntil"/>).</param>
/// <param name="ExpectedBy">When the last of them should be readable, from the tier's configured wait.</param>
/// <param name="ReadableUntil">When the first restored copy expires: read before then.</param>
/// <param name="Note">What the archivist should know, e.g. a copy that expired before it was read and was requested again.</param>
public sealed record RestoreArchiveView(
    string? Tier,
    int Files,
    int Coming,
    int Readable,
    DateTimeOffset? ExpectedBy,
    DateTimeOffset? ReadableUntil,
    string? Note);
