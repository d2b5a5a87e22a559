using Hangfire;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Workers.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Fixity;

/// <summary>An audit asked for through the API, as a one-off Hangfire job on whichever host runs jobs.
/// A host that stops hands it back and its next run continues the same audit (the plan and the checks
/// made are in the catalog); a store that cannot be read fails the run, and Hangfire tries again later.</summary>
[AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class FixityAuditJob(FixityAuditRun run)
{
    public Task RunAsync(Guid auditId, CancellationToken cancellationToken) => run.RunAsync(auditId, cancellationToken);
}

/// <summary>The scheduled audit of every project (Fixity:Schedule): a new audit each time, unless the
/// last scheduled one did not finish — then that one continues.</summary>
public sealed class ScheduledFixityAudit(IDbContextFactory<CatalogDbContext> catalog, FixityAuditRun run, TimeProvider clock) : IRecurringJob
{
    public const string Id = "fixity-audit";
    public const string RequestedBy = "schedule";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Guid auditId;
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var unfinished = await db.FixityAudits
                .Where(a => a.RequestedBy == RequestedBy && a.Status != FixityAuditStatus.Done && a.ProjectId == null && a.CardId == null && a.AssetId == null)
                .OrderByDescending(a => a.RequestedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (unfinished is { } id)
            {
                auditId = id;
            }
            else
            {
                var audit = new FixityAudit
                {
                    Id = Guid.NewGuid(),
                    Scope = "every project",
                    RequestedBy = RequestedBy,
                    RequestedAt = clock.GetUtcNow().UtcDateTime,
                    Status = FixityAuditStatus.Queued,
                };
                db.FixityAudits.Add(audit);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                auditId = audit.Id;
            }
        }
        await run.RunAsync(auditId, cancellationToken).ConfigureAwait(false);
    }
}
