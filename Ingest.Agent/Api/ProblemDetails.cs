namespace Ingest.Agent.Api;

/// <summary>RFC 9457 problem details, as the API returns for 4xx.</summary>
/// <param name="Archive">With type urn:mam:problem:archive-restore-waiting: the restore's files coming back from the archive tier.</param>
public sealed record ProblemDetails(string? Title, string? Detail, int? Status, string? Type = null, Mam.Contracts.Restores.RestoreArchiveView? Archive = null)
{
    /// <summary>A restore's start answered "waiting for the archive tier": not an error, come back later.</summary>
    public bool IsArchiveWaiting => string.Equals(Type, "urn:mam:problem:archive-restore-waiting", StringComparison.Ordinal);
}
