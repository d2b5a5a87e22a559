namespace Mam.Contracts.Restores;

/// <summary>One retrieval tier (Expedited, Standard, Bulk) for the files in an archive tier.</summary>
/// <param name="WaitHours">Expected wait before the last of them is readable (the longest class's).</param>
/// <param name="Cost">Retrieval cost of their bytes at the configured per-GiB prices.</param>
/// <param name="TotalHours">The wait plus the transfer.</param>
public sealed record RestoreTierView(string Tier, double WaitHours, decimal Cost, string Currency, double TotalHours);
