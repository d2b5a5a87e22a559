namespace Mam.Contracts.Restores;

/// <summary>Body of <c>POST /api/restores/{id}/results</c>: what the agent did with some files (sent as
/// it goes), and with <paramref name="Finished"/> the final report.</summary>
/// <param name="Bytes">Bytes read from the store in this run (for the measured throughput).</param>
/// <param name="Seconds">Seconds the transfer took.</param>
/// <param name="Mhl">The ASC MHL generation written at the destination.</param>
public sealed record RestoreReport(IReadOnlyList<RestoreFileResult>? Files, bool Finished, long? Bytes, double? Seconds, string? Mhl);
