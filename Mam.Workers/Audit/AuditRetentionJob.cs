using System.Globalization;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Audit;

/// <summary>The only thing that deletes from the audit trail: once a day, rows older than
/// Audit:RetentionDays. It records what it deleted as a row of its own, so a gap in the trail is
/// explained by the trail.</summary>
public sealed class AuditRetentionJob(
    IDbContextFactory<CatalogDbContext> catalog, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetentionJob> logger) : IRecurringJob
{
    public const string Id = "audit-retention";

    /// <summary>Every day at 03:30 (the job server's time zone, UTC).</summary>
    public const string Schedule = "30 3 * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var days = options.Value.RetentionDays;
        var cutoff = now - TimeSpan.FromDays(days);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await db.AuditEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            return;
        }
        db.AuditEvents.Add(new AuditEvent
        {
            At = now,
            ActorId = AuditActors.Server,
            ActorName = AuditActors.Server,
            Action = AuditActions.Retention,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"Deleted {deleted} event(s) from before {cutoff:yyyy-MM-dd HH:mm:ss}Z (Audit:RetentionDays = {days})."),
            Result = AuditResults.Ok,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Audit retention: deleted {Count} event(s) older than {Days} days", deleted, days);
    }
}
