using Ingest.Agent.Api;

namespace Ingest.Agent.Offload;

/// <summary>What the user asked for, with paths already made absolute.</summary>
/// <param name="Api">Null when the card is only copied locally.</param>
public sealed record OffloadRequest(
    string SourcePath,
    IReadOnlyList<string> Destinations,
    string Project,
    string Dit,
    MamApiSettings? Api);
