using Mam.Contracts.Restores;

namespace Ingest.Agent.Restore;

/// <summary>What became of one manifest file at the destination.</summary>
/// <param name="Result">verified, failed or original (<see cref="RestoreResults"/>).</param>
/// <param name="Hashes">What the bytes at the destination (or, when they failed, the bytes read) hashed to; empty when nothing was read.</param>
/// <param name="OnDisk">The file is at its real name in the card folder (verified, kept, or a cut).</param>
/// <param name="DestinationFull">It failed because the destination ran out of space.</param>
/// <param name="BytesRead">Bytes read from the store for it.</param>
/// <param name="Earlier">Verified by an earlier run of this restore (the journal says so and the file is unchanged).</param>
/// <param name="UrlRefused">Its URL was refused (403 from S3, 401 for a signed link): expired, most likely; a fresh manifest gives a new one.</param>
internal sealed record RestoredFile(
    RestoreManifestFile File,
    string FullPath,
    string Result,
    string? Reason,
    IReadOnlyDictionary<string, string> Hashes,
    bool OnDisk,
    DateTime LastWriteUtc,
    long BytesRead,
    bool DestinationFull = false,
    bool Earlier = false,
    bool UrlRefused = false)
{
    public static RestoredFile Failed(RestoreManifestFile file, string fullPath, string reason, IReadOnlyDictionary<string, string>? hashes = null, long bytesRead = 0, bool full = false) =>
        new(file, fullPath, RestoreResults.Failed, reason, hashes ?? new Dictionary<string, string>(), false, default, bytesRead, full);
}
