using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Workers.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Fixity;

/// <summary>Starts audits asked for through the API: records the audit (queued) in the catalog and
/// hands it to the job servers.</summary>
public sealed class FixityAudits(IDbContextFactory<CatalogDbContext> catalog, JobStore store, IJobFilterProvider filters, TimeProvider clock)
{
    public async Task<FixityAudit> StartAsync(FixityScope scope, string scopeInWords, string requestedBy, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var audit = new FixityAudit
        {
            Id = Guid.NewGuid(),
            Scope = scopeInWords,
            ProjectId = scope.ProjectId,
            CardId = scope.CardId,
            AssetId = scope.AssetId,
            RequestedBy = requestedBy,
            Reason = reason,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            Status = FixityAuditStatus.Queued,
        };
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.FixityAudits.Add(audit);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var client = new BackgroundJobClient(store.Storage, filters);
        client.Create<FixityAuditJob>(j => j.RunAsync(audit.Id, CancellationToken.None), new EnqueuedState());
        return audit;
    }
}
