using System.Collections.Concurrent;
using Mam.Catalog.Entities.Restores;
using Mam.Storage;
using Mam.Storage.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Restores;

/// <summary>The archive-tier state machine of a restore. Each file in an archive tier goes
/// none → requested (RestoreObject sent, or found under way) → readable (x-amz-restore says so, until its
/// expiry) — and back to requested when its copy expired before it was read. The restore waits
/// (<see cref="RestoreState.AwaitingArchive"/>) while any file is coming, and is ready
/// (<see cref="RestoreState.ArchiveReady"/>) when all are readable. Everything is kept in the catalog,
/// so whichever host looks next (the start of a restore, the poll job after a restart) carries on.</summary>
public sealed class ArchiveRetrievals(IObjectStore store, IOptions<ArchiveRetrievalOptions> options, TimeProvider clock, ILogger<ArchiveRetrievals> logger)
{
    /// <summary>Heads and requests at once, as the plan does: quick for a card, gentle on the store.</summary>
    private const int InFlight = 8;

    /// <summary>Planned in an archive tier: archived then, or in an archive class (a copy brought back then
    /// can expire before it is read).</summary>
    public static bool InArchiveTier(RestoreFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return !file.Missing && (file.ArchiveRestoreNeeded || (file.StorageClass is { } named && ObjectPlacements.ArchiveClasses.Contains(named)));
    }

    /// <summary>Whether the store can be asked to bring archived objects back at all.</summary>
    public bool StoreTakesRequests => store is IArchiveRestores;

    /// <summary>Asks the store where each archived file of the restore is, requests those archived (with
    /// the restore's tier), and sets the restore's state. The caller saves.</summary>
    /// <param name="restore">With its files and their card files loaded, and its tier set.</param>
    /// <exception cref="ArchiveRequestRefusedException"/>
    /// <exception cref="Mam.Storage.S3.ObjectStoreUnavailableException"/>
    public async Task<ArchiveProgress> RefreshAsync(Restore restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        var files = restore.Files.Where(InArchiveTier).ToList();
        if (files.Count == 0)
        {
            return new ArchiveProgress(0, 0, []);
        }
        if (store is not IArchiveRestores archive || restore.Tier is not { } tier)
        {
            throw new InvalidOperationException("Archived files are requested from a store that takes restore requests, with a tier.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = new ConcurrentBag<RestoreFile>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (file, token) =>
        {
            var key = (file.CardFile ?? throw new InvalidOperationException("The restore's card files are not loaded.")).StorageKey;
            var placement = await ObjectPlacements.GetAsync(store, key, token).ConfigureAwait(false);
            switch (placement?.Archive)
            {
                case null:
                    // Deleted from the store meanwhile: the agent's read names it as missing.
                    (file.Archive, file.ReadableUntil) = (ArchiveCopy.None, null);
                    break;
                case ArchiveState.Online or ArchiveState.Restored:
                    (file.Archive, file.ReadableUntil) = (ArchiveCopy.Readable, placement.RestoredUntil?.UtcDateTime);
                    break;
                case ArchiveState.RestoreInProgress:
                    (file.Archive, file.ArchiveRequestedAt) = (ArchiveCopy.Requested, file.ArchiveRequestedAt ?? now);
                    break;
                case ArchiveState.Archived:
                    if (file.Archive == ArchiveCopy.Readable)
                    {
                        expired.Add(file);
                    }
                    ArchiveRequestOutcome outcome;
                    try
                    {
                        outcome = await archive.RequestRestoreAsync(key, tier, options.Value.Days, token).ConfigureAwait(false);
                    }
                    catch (ObjectNotFoundException)
                    {
                        (file.Archive, file.ReadableUntil) = (ArchiveCopy.None, null);
                        return;
                    }
                    logger.LogInformation("Restore {Restore}: asked the store to bring {Path} back ({Tier} tier, {Days} days): {Outcome}",
                        restore.Id, $"{file.CardName}/{file.RelativePath}", tier, options.Value.Days, outcome);
                    (file.Archive, file.ArchiveRequestedAt, file.ReadableUntil) = outcome == ArchiveRequestOutcome.AlreadyReadable
                        ? (ArchiveCopy.Readable, file.ArchiveRequestedAt ?? now, (DateTime?)null)
                        : (ArchiveCopy.Requested, now, (DateTime?)null);
                    break;
            }
        }).ConfigureAwait(false);

        if (!expired.IsEmpty)
        {
            var names = expired.Select(f => $"{f.CardName}/{f.RelativePath}").Order(StringComparer.Ordinal).ToList();
            restore.ArchiveNote = $"The restored copies of {names.Count} file(s) expired before they were read ({string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", …" : "")}); "
                + $"they were requested again on {now:yyyy-MM-dd HH:mm} UTC ({tier} tier). Nothing of them was written at the destination.";
            foreach (var file in expired.Where(f => f.Result == RestoreOutcome.Failed))
            {
                // Its read was refused because the copy had gone; it is coming back and will be read again.
                (file.Result, file.Reason) = (RestoreOutcome.Pending, "its restored copy expired before it was read; requested again");
            }
        }
        var coming = files.Count(f => f.Archive == ArchiveCopy.Requested);
        if (coming > 0)
        {
            restore.State = RestoreState.AwaitingArchive;
            restore.FinishedAt = null;
        }
        else if (restore.State == RestoreState.AwaitingArchive)
        {
            restore.State = RestoreState.ArchiveReady;
        }
        restore.UpdatedAt = now;
        return new ArchiveProgress(files.Count, coming, expired.ToList());
    }
}

/// <summary>Where a restore's archived files are after a look at the store.</summary>
/// <param name="Files">Files in an archive tier.</param>
/// <param name="Coming">Of those, requested and not readable yet.</param>
/// <param name="Expired">Readable before, archived again now: requested once more.</param>
public sealed record ArchiveProgress(int Files, int Coming, IReadOnlyList<RestoreFile> Expired);
