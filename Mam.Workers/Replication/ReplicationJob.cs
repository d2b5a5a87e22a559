using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Storage;
using Mam.Storage.Replicas;
using Mam.Workers.Fixity;
using Mam.Workers.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Replication;

/// <summary>Copies every original to each replica store (Storage:Replicas) that does not have it yet,
/// a batch per run: read from the main store, written to the replica with the on-set xxh64 checked as
/// the bytes land (a replica that received different bytes keeps nothing), then recorded as a copy.
/// A replica added later is filled the same way.</summary>
public sealed class ReplicationJob(IDbContextFactory<CatalogDbContext> catalog, NamedStores stores, TimeProvider clock, ILogger<ReplicationJob> logger) : IRecurringJob
{
    public const string Id = "replication";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int Batch = 200;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var main = stores.Find(stores.Main.Name)!;
        foreach (var replica in stores.Replicas)
        {
            var target = stores.Find(replica.Name)!;
            int copied;
            do
            {
                copied = await CopyBatchAsync(main, target, replica, cancellationToken).ConfigureAwait(false);
            }
            while (copied == Batch);
        }
    }

    private async Task<int> CopyBatchAsync(IObjectStore main, IObjectStore target, StoreIdentity replica, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var files = await db.CardFiles.AsNoTracking()
            .Where(f => !db.FileCopies.Any(c => c.CardFileId == f.Id && c.Kind == CopyKind.Store && c.Location == replica.Name))
            .OrderBy(f => f.Id).Take(Batch)
            .Select(f => new { f.Id, f.StorageKey, f.Xxh64 })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var done = 0;
        foreach (var file in files)
        {
            try
            {
                await using (var source = await main.OpenReadAsync(file.StorageKey, cancellationToken).ConfigureAwait(false))
                {
                    await target.PutAsync(file.StorageKey, source, file.Xxh64, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is ObjectNotFoundException or ObjectHashMismatchException)
            {
                // The main copy is gone or rotted: a fixity audit will say so (and repair it from a
                // replica if one has it); copying it on would spread the damage.
                logger.LogWarning("Not copied to {Replica}: {Reason}", replica.Name, e.Message);
                continue;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            db.FileCopies.Add(new FileCopy
            {
                Id = Guid.NewGuid(),
                CardFileId = file.Id,
                Kind = CopyKind.Store,
                Location = replica.Name,
                Key = file.StorageKey,
                StorageClass = replica.StorageClass,
                AddedAt = now,
                LastCheckedAt = now,
                LastOutcome = FixityOutcome.Intact,
                LastCheckedBy = FixityAuditRun.Agent + " (replication)",
            });
            done++;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (done > 0)
        {
            logger.LogInformation("Copied {Count} original(s) to replica {Replica} ({Where})", done, replica.Name, replica.Description);
        }
        return files.Count;
    }
}
