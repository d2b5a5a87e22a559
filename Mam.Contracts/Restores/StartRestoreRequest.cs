namespace Mam.Contracts.Restores;

/// <summary>Body of <c>POST /api/restores/{id}/start</c>: the archivist confirms the plan.</summary>
/// <param name="Destination">Where the files go, for the record: host and folder ("edit-3:/Volumes/RAID/restores").</param>
/// <param name="Tier">Retrieval tier for files in an archive tier (Expedited, Standard, Bulk).</param>
public sealed record StartRestoreRequest(string? Destination, string? Tier);
