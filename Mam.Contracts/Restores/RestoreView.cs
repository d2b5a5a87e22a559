namespace Mam.Contracts.Restores;

/// <summary>A restore: first its plan (<c>POST /api/restores</c>), then its progress and final report
/// (<c>GET /api/restores/{id}</c>).</summary>
/// <param name="State">One of <see cref="RestoreStates"/>.</param>
/// <param name="Scope">In words: "card A001R1AB of Feature", "2 clips of Feature", "A001C003 from … to …".</param>
/// <param name="Destination">Where the agent restores to (host and folder), once started.</param>
/// <param name="ArchiveRestoreNeeded">Some file sits in an archive tier and needs a restore request before it can be read.</param>
/// <param name="Tiers">For the files in an archive tier: wait and cost per retrieval tier; empty when none is.</param>
/// <param name="Archive">Once started, where its files in an archive tier are on their way back; null when none is.</param>
/// <param name="Mhl">The ASC MHL generation the agent wrote at the destination (relative to the card folder).</param>
public sealed record RestoreView(
    Guid Id,
    string Url,
    string Project,
    string Scope,
    string State,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Destination,
    string? Tier,
    long TotalBytes,
    RestoreEstimateView Estimate,
    bool ArchiveRestoreNeeded,
    IReadOnlyList<RestoreTierView> Tiers,
    RestoreTallyView Results,
    string? Mhl,
    IReadOnlyList<RestoreFileView> Files,
    RestoreArchiveView? Archive = null);
