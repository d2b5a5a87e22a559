using Ingest.Agent.Api;
using Ingest.Agent.Verification;

namespace Ingest.Agent.Offload;

/// <summary>What the user asked for, with paths already made absolute.</summary>
/// <param name="Api">Null when the card is only copied locally.</param>
/// <param name="HashFormats">ASC MHL formats to compute in the copy pass (xxh64 always included).</param>
/// <param name="JournalPath">The SQLite journal that makes the offload resumable; null keeps no journal.</param>
public sealed record OffloadRequest(
    string SourcePath,
    IReadOnlyList<string> Destinations,
    string Project,
    string Dit,
    MamApiSettings? Api,
    VerifyMode Verify = VerifyMode.Full,
    IReadOnlyList<string>? HashFormats = null,
    string? JournalPath = null)
{
    public IReadOnlyList<string> Formats => HashFormats ?? ["xxh64"];
}
