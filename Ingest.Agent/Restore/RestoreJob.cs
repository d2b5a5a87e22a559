using Ingest.Agent.Api;
using Mam.Contracts.Restores;

namespace Ingest.Agent.Restore;

/// <summary>One <c>ingest-agent restore</c> as the command line asked for it.</summary>
/// <param name="ScopeKey">The scope in a stable form: with the API and the destination, the journal's key
/// for resuming the same restore.</param>
/// <param name="Destination">Full path of the folder the card folders go into.</param>
/// <param name="Wait">Files coming back from an archive tier are waited for (asking every <paramref name="WaitEvery"/>)
/// instead of exiting with <see cref="Commands.ExitCodes.ArchiveWaiting"/>.</param>
/// <param name="Planned">A restore planned already (on the web page, through the API): run that plan instead of making one.</param>
internal sealed record RestoreJob(
    MamApiSettings Api,
    RestoreRequest Request,
    string ScopeKey,
    string Destination,
    bool PlanOnly,
    bool Merge,
    string? Tier,
    string Author,
    string JournalPath,
    int FilesInFlight,
    TimeSpan CutTimeout,
    Guid? Planned = null,
    bool Wait = false,
    TimeSpan WaitEvery = default);
