namespace Mam.Contracts.Cards;

/// <summary>One file of a card as the agent proved it: its path on the card (POSIX), size, every hash
/// taken at offload by ASC MHL format name (xxh64 always), and the key it was stored under.</summary>
public sealed record CardFileManifest(string? Path, long Size, IReadOnlyDictionary<string, string>? Hashes, string? StorageKey);
