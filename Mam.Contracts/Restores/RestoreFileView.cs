namespace Mam.Contracts.Restores;

/// <summary>One file of a restore: what the plan found in the store, then what the agent reported.</summary>
/// <param name="Card">The card's name: the folder the file is restored into.</param>
/// <param name="Path">Relative POSIX path on the card (for a cut: the new file's path).</param>
/// <param name="StorageClass">As the store reports it (STANDARD when it says nothing); null when the object is missing.</param>
/// <param name="Missing">No object in the store at the file's key: it cannot be restored from there.</param>
/// <param name="Archive">For a file in an archive tier once the restore started: "requested" (coming back) or "readable".</param>
/// <param name="ReadableUntil">When its restored copy expires.</param>
/// <param name="Result">One of <see cref="RestoreResults"/>.</param>
/// <param name="Reason">Why it failed, or a note (already at the destination and verified…).</param>
public sealed record RestoreFileView(
    Guid Id,
    string Card,
    string Path,
    string Role,
    long Size,
    string? StorageClass,
    bool Missing,
    bool ArchiveRestoreNeeded,
    string Result,
    string? Reason,
    RestoreCutView? Cut,
    string? Archive = null,
    DateTimeOffset? ReadableUntil = null);
