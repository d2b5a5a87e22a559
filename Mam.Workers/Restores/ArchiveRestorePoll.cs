using Mam.Catalog;
using Mam.Catalog.Entities.Restores;
using Mam.Storage;
using Mam.Storage.Placement;
using Mam.Storage.S3;
using Mam.Workers.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Restores;

/// <summary>The recurring look at restores waiting for the archive tier (Restores:Archive:PollInterval):
/// a restore whose archived files are all readable becomes ready; one whose readable copies passed their
/// expiry is looked at again, and what expired is requested again. Its state is the catalog's, so after a
/// restart the next run simply carries on.</summary>
public sealed class ArchiveRestorePoll(IDbContextFactory<CatalogDbContext> catalog, ArchiveRetrievals retrievals, RestoreCutJobs cuts, TimeProvider clock, ILogger<ArchiveRestorePoll> logger)
    : IRecurringJob
{
    public const string Id = "archive-restore-poll";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!retrievals.StoreTakesRequests)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            due = await db.Restores.AsNoTracking()
                .Where(r => r.State == RestoreState.AwaitingArchive
                    || ((r.State == RestoreState.ArchiveReady || r.State == RestoreState.Restoring)
                        && r.Files.Any(f => f.Archive == ArchiveCopy.Readable && f.ReadableUntil != null && f.ReadableUntil <= now)))
                .Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var id in due)
        {
            try
            {
                await PollAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectStoreUnavailableException or ArchiveRequestRefusedException)
            {
                // The next run asks again; one restore's trouble does not hold up the others.
                logger.LogWarning(ex, "Restore {Restore}: the archive tier could not be asked now", id);
            }
        }
    }

    private async Task PollAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var restore = await db.Restores.Include(r => r.Files).ThenInclude(f => f.CardFile).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (restore?.Tier is null)
        {
            return;
        }
        var was = restore.State;
        var progress = await retrievals.RefreshAsync(restore, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (was != restore.State)
        {
            logger.LogInformation("Restore {Restore}: {State} ({Coming} of {Files} archived file(s) still coming)", id, restore.State, progress.Coming, progress.Files);
        }
        if (restore.State == RestoreState.ArchiveReady && restore.Files.Any(f => f.Cut is { State: RestoreCutState.Pending }))
        {
            // A range restore's cut reads the original, which can be read now.
            await cuts.QueueAsync(restore.Id, cancellationToken).ConfigureAwait(false);
        }
    }
}
