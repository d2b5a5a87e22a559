namespace Mam.Contracts.Cards;

/// <summary>A place the agent copied the card to and verified on set (a RAID, a shuttle drive): an
/// on-set copy of every registered file except those listed as not verified there.</summary>
/// <param name="Location">Machine and folder, e.g. "dana-mbp:/Volumes/SHUTTLE_01/A001".</param>
/// <param name="VerifiedAt">When the agent verified it.</param>
/// <param name="VerifiedBy">The tool and version, e.g. "ingest-agent 1.0.0".</param>
/// <param name="NotVerified">Relative paths on the card that are not verified there.</param>
public sealed record CardDestination(string? Location, DateTimeOffset? VerifiedAt, string? VerifiedBy, IReadOnlyList<string>? NotVerified);
