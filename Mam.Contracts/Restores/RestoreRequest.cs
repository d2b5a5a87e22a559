namespace Mam.Contracts.Restores;

/// <summary>Body of <c>POST /api/restores</c>: what to bring back. Exactly one scope: a whole card
/// (<paramref name="Card"/>: its id, or its name with <paramref name="Project"/>), a set of clips
/// (<paramref name="Assets"/>), or one clip between two timecodes (<paramref name="Asset"/> with
/// <paramref name="From"/> and <paramref name="To"/>, SMPTE HH:MM:SS:FF as the clip counts them).
/// The answer is a plan; nothing moves until it is started.</summary>
/// <param name="ThroughputMiBps">The archivist's own figure for the link to the store, for the plan's
/// time estimate (otherwise the server's measured or configured one).</param>
public sealed record RestoreRequest(
    string? Project,
    string? Card,
    IReadOnlyList<Guid>? Assets,
    Guid? Asset,
    string? From,
    string? To,
    double? ThroughputMiBps);
