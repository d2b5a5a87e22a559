using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Uploads;

/// <summary>Expires open uploads unused for Uploads:ExpireAfter and removes their staged parts (the
/// folder store's staging folder, an S3 multipart upload), so an agent that never came back does not
/// hold disk space for ever.</summary>
public sealed class AbandonedUploads(
    IDbContextFactory<CatalogDbContext> catalog,
    IMultipartObjectStore store,
    IOptions<UploadsOptions> options,
    TimeProvider clock,
    ILogger<AbandonedUploads> logger)
{
    private const int Batch = 100;

    /// <returns>How many uploads were expired.</returns>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.ExpireAfter;
        var expired = 0;
        while (true)
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var stale = await db.UploadSessions.AsNoTracking()
                .Where(u => u.Status == UploadStatus.Open && u.UpdatedAt < cutoff)
                .OrderBy(u => u.UpdatedAt).Take(Batch).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var session in stale)
            {
                if (await ExpireAsync(db, session, cutoff, cancellationToken).ConfigureAwait(false))
                {
                    expired++;
                }
            }
            if (stale.Count < Batch)
            {
                break;
            }
        }
        if (expired > 0)
        {
            logger.LogInformation("Expired {Count} upload(s) unused for {ExpireAfter} and removed their parts", expired, options.Value.ExpireAfter);
        }
        return expired;
    }

    private async Task<bool> ExpireAsync(CatalogDbContext db, UploadSession session, DateTime cutoff, CancellationToken cancellationToken)
    {
        // Expired first, only if still unused: a part arriving now is refused rather than written into a
        // staging area about to go (the API marks a session used before it stores a part).
        var claimed = await db.UploadSessions.Where(u => u.Id == session.Id && u.Status == UploadStatus.Open && u.UpdatedAt < cutoff)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UploadStatus.Expired), cancellationToken).ConfigureAwait(false) == 1;
        if (!claimed)
        {
            return false;
        }
        try
        {
            await store.AbortMultipartAsync(session.StorageKey, session.StoreUploadId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store did not answer: open again, as unused as before, so the next sweep tries again.
            logger.LogWarning(ex, "Could not remove the parts of upload {Upload} ({Key}); the next sweep tries again", session.Id, session.StorageKey);
            await db.UploadSessions.Where(u => u.Id == session.Id && u.Status == UploadStatus.Expired)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UploadStatus.Open), CancellationToken.None).ConfigureAwait(false);
            return false;
        }
    }
}
