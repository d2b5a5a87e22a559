namespace Mam.Contracts.Restores;

/// <summary>How long moving the bytes should take, and where the throughput comes from.</summary>
/// <param name="Source">"measured: …", "configured: Restores:ThroughputMiBps" or "asked for in the request".</param>
/// <param name="TransferSeconds">Total bytes at that throughput (any archive-tier wait comes on top, see the tiers).</param>
public sealed record RestoreEstimateView(double MiBPerSecond, string Source, double TransferSeconds);
