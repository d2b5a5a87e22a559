using System.Buffers;
using System.Diagnostics;
using Mam.Catalog.Entities.Archive;
using Mam.Integrity.Hashing;
using Mam.Storage;
using Mam.Storage.Placement;

namespace Mam.Workers.Fixity;

/// <summary>What re-reading one stored copy found.</summary>
/// <param name="StorageClass">The class the store said the object is in, for a store that has classes;
/// null otherwise (or when the object is missing).</param>
public sealed record CopyCheckResult(FixityOutcome Outcome, string? Actual, long BytesRead, string? StorageClass = null)
{
    /// <summary>The object sits in an archive tier (GLACIER, DEEP_ARCHIVE) and was not read: reading it
    /// needs a restore request first, which an audit does not make (it would cost a retrieval per file).
    /// No check is recorded; <see cref="Outcome"/> means nothing then.</summary>
    public bool InArchiveTier { get; init; }
}

/// <summary>Re-reads one object from a store and hashes it with xxh64, within a reading budget.</summary>
public static class CopyCheck
{
    private const int ChunkSize = 1024 * 1024;

    /// <param name="bytesPerSecond">0 for no limit; otherwise reads pause so the average stays under it.</param>
    public static async Task<CopyCheckResult> CheckAsync(IObjectStore store, string key, string expectedXxh64, double bytesPerSecond, CancellationToken cancellationToken)
    {
        // A lifecycle rule moves objects between classes without telling anyone; one HEAD beside the
        // whole-object read is the cheapest honest way for the copies view to show where a copy sits now.
        string? storageClass = null;
        if (store is IObjectPlacements placements)
        {
            if (await placements.GetPlacementAsync(key, cancellationToken).ConfigureAwait(false) is not { } placement)
            {
                return new(FixityOutcome.Missing, null, 0);
            }
            storageClass = placement.StorageClass;
            if (placement.NeedsRestoreRequest)
            {
                return new(FixityOutcome.Intact, null, 0, storageClass) { InArchiveTier = true };
            }
        }
        Stream stream;
        try
        {
            stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return new(FixityOutcome.Missing, null, 0);
        }
        using var hasher = Xxh64.CreateHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long total = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hasher.Append(buffer.AsSpan(0, read));
                    total += read;
                    if (bytesPerSecond > 0)
                    {
                        var due = TimeSpan.FromSeconds(total / bytesPerSecond) - clock.Elapsed;
                        if (due > TimeSpan.FromMilliseconds(5))
                        {
                            await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var actual = hasher.GetHashText();
        return new(string.Equals(actual, expectedXxh64, StringComparison.OrdinalIgnoreCase) ? FixityOutcome.Intact : FixityOutcome.Damaged, actual, total, storageClass);
    }
}
