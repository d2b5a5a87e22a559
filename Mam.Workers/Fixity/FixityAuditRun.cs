using System.Globalization;
using System.Reflection;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Storage;
using Mam.Storage.Replicas;
using Mam.Workers.Activity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Fixity;

/// <summary>Runs one fixity audit to its end: plans it on the first start, then re-reads each planned
/// copy it has not checked yet, recording a check per copy as it goes — so a run stopped by a restart
/// picks up where it stopped, checking nothing twice and skipping nothing. At the end, one alert for
/// everything damaged or missing, not one per file.</summary>
public sealed class FixityAuditRun(
    IDbContextFactory<CatalogDbContext> catalog,
    NamedStores stores,
    IOptions<FixityOptions> options,
    TimeProvider clock,
    ActivitySignal signal,
    ILogger<FixityAuditRun> logger)
{
    /// <summary>How the checks name their tool (PREMIS's linking agent).</summary>
    public static string Agent { get; } = "mam fixity audit " +
        (typeof(FixityAuditRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    private const int AlertExamples = 10;

    public async Task RunAsync(Guid auditId, CancellationToken cancellationToken)
    {
        var audit = await StartAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return;
        }
        try
        {
            var inArchive = await CheckPlannedAsync(audit, cancellationToken).ConfigureAwait(false);
            await FinishAsync(audit.Id, null, cancellationToken, inArchive).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await FinishAsync(audit.Id, $"The audit stopped: {e.Message} What was checked is recorded; run it again to check the rest.", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Marks the audit running and plans it, unless it ran before (a restart): then its plan stands.</summary>
    private async Task<FixityAudit?> StartAsync(Guid auditId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var audit = await db.FixityAudits.SingleOrDefaultAsync(a => a.Id == auditId, cancellationToken).ConfigureAwait(false);
        if (audit is null || audit.Status is FixityAuditStatus.Done)
        {
            return null;
        }
        if (audit.StartedAt is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var added = await StoreCopies.AddMissingAsync(catalog, FixityScope.Of(audit), stores.Main, now, cancellationToken).ConfigureAwait(false);
            if (added > 0)
            {
                logger.LogInformation("Fixity audit {Audit}: {Count} stored file(s) had no copy record yet; added.", audit.Id, added);
            }
            audit.Plan = await FixityPlanner.PlanAsync(db, FixityScope.Of(audit), stores.Names.ToList(), options.Value, cancellationToken).ConfigureAwait(false);
            audit.Planned = audit.Plan.Count;
            audit.StartedAt = now;
        }
        audit.Status = FixityAuditStatus.Running;
        audit.Alert = null;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Fixity audit {Audit} of {Scope}: {Planned} copies planned, {Checked} checked already", audit.Id, audit.Scope, audit.Planned, audit.Checked);
        return audit;
    }

    /// <returns>How many planned copies were in an archive tier, and so not read.</returns>
    private async Task<int> CheckPlannedAsync(FixityAudit audit, CancellationToken cancellationToken)
    {
        HashSet<Guid> done;
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            done = (await db.FixityChecks.AsNoTracking().Where(c => c.FixityAuditId == audit.Id).Select(c => c.FileCopyId)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        }
        var budget = options.Value.MaxMiBPerSecond * 1024 * 1024;
        // Each check is recorded on its own and the counters move in the database, so checks in
        // parallel keep the audit's promise: stopped midway, it checks nothing twice and skips nothing.
        var parallel = budget > 0 ? 1 : options.Value.ParallelReads;
        var inArchive = 0;
        await Parallel.ForEachAsync(audit.Plan.Where(id => !done.Contains(id)), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (copyId, token) =>
            {
                if (!await CheckOneAsync(audit.Id, copyId, budget, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref inArchive);
                }
            }).ConfigureAwait(false);
        return inArchive;
    }

    /// <returns>False when the copy sits in an archive tier and was not read.</returns>
    private async Task<bool> CheckOneAsync(Guid auditId, Guid copyId, double budget, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var copy = await db.FileCopies.Include(c => c.CardFile).SingleOrDefaultAsync(c => c.Id == copyId, cancellationToken).ConfigureAwait(false);
        if (copy is null || stores.Find(copy.Location) is not { } store)
        {
            return true; // its card was deleted since the plan was made, or its store is no longer configured
        }
        var result = await CopyCheck.CheckAsync(store, copy.Key, copy.CardFile!.Xxh64, budget, cancellationToken).ConfigureAwait(false);
        if (result.InArchiveTier)
        {
            // Not read, so not checked: the copies view keeps its last real check, and the audit's
            // report counts it among the copies it could not read (FinishAsync).
            copy.StorageClass = result.StorageClass;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Record(db, copy, auditId, now, result.Outcome, result.Actual, null);
        if (result.StorageClass is { } seen)
        {
            copy.StorageClass = seen;
        }
        var repaired = result.Outcome != FixityOutcome.Intact
            && await RepairAsync(db, copy, store, auditId, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // The counters move in the database, so two hosts' views and a restarted run stay right.
        await db.FixityAudits.Where(a => a.Id == auditId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Checked, a => a.Checked + 1)
            .SetProperty(a => a.Intact, a => a.Intact + (result.Outcome == FixityOutcome.Intact ? 1 : 0))
            .SetProperty(a => a.Damaged, a => a.Damaged + (result.Outcome == FixityOutcome.Damaged ? 1 : 0))
            .SetProperty(a => a.Missing, a => a.Missing + (result.Outcome == FixityOutcome.Missing ? 1 : 0))
            .SetProperty(a => a.Repaired, a => a.Repaired + (repaired ? 1 : 0))
            .SetProperty(a => a.BytesRead, a => a.BytesRead + result.BytesRead), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static void Record(CatalogDbContext db, FileCopy copy, Guid auditId, DateTime at, FixityOutcome outcome, string? actual, string? note)
    {
        db.FixityChecks.Add(new FixityCheck
        {
            FileCopyId = copy.Id,
            At = at,
            Outcome = outcome,
            Algorithm = "xxh64",
            Expected = copy.CardFile!.Xxh64,
            Actual = actual,
            Agent = Agent,
            FixityAuditId = auditId,
            Note = note,
        });
        copy.LastCheckedAt = at;
        copy.LastOutcome = outcome;
        copy.LastCheckedBy = Agent;
    }

    /// <summary>Writes the bad copy again from another store's copy: one that last checked intact
    /// first, else one not checked yet (in a first audit, or being checked beside this one) — never
    /// one known bad. The bytes are hashed as they land and must match the on-set xxh64, so a second
    /// bad copy can never overwrite a first. Recorded as a check of its own ("repaired from …").</summary>
    private async Task<bool> RepairAsync(CatalogDbContext db, FileCopy bad, IObjectStore badStore, Guid auditId, CancellationToken cancellationToken)
    {
        var names = stores.Names.ToList();
        var sources = await db.FileCopies.AsNoTracking()
            .Where(c => c.CardFileId == bad.CardFileId && c.Id != bad.Id && c.Kind == CopyKind.Store && names.Contains(c.Location)
                && (c.LastOutcome == null || c.LastOutcome == FixityOutcome.Intact))
            .OrderBy(c => c.LastOutcome == null).ThenByDescending(c => c.LastCheckedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var source in sources)
        {
            try
            {
                await using (var good = await stores.Find(source.Location)!.OpenReadAsync(source.Key, cancellationToken).ConfigureAwait(false))
                {
                    await badStore.PutAsync(bad.Key, good, bad.CardFile!.Xxh64, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is ObjectNotFoundException or ObjectHashMismatchException)
            {
                logger.LogWarning("Could not repair {Key} in {Store} from {Source}: {Reason}", bad.Key, bad.Location, source.Location, e.Message);
                continue;
            }
            Record(db, bad, auditId, clock.GetUtcNow().UtcDateTime, FixityOutcome.Intact, bad.CardFile!.Xxh64, $"repaired from {source.Location}");
            logger.LogWarning("Fixity audit {Audit}: repaired {Key} in {Store} from the copy in {Source}", auditId, bad.Key, bad.Location, source.Location);
            return true;
        }
        return false;
    }

    private async Task FinishAsync(Guid auditId, string? failure, CancellationToken cancellationToken, int inArchive = 0)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var audit = await db.FixityAudits.SingleAsync(a => a.Id == auditId, cancellationToken).ConfigureAwait(false);
        audit.FinishedAt = clock.GetUtcNow().UtcDateTime;
        audit.Status = failure is null ? FixityAuditStatus.Done : FixityAuditStatus.Failed;
        var bad = await db.FixityChecks.AsNoTracking()
            .Where(c => c.FixityAuditId == auditId && c.Outcome != FixityOutcome.Intact)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Outcome, c.FileCopy!.CardFile!.RelativePath, Card = c.FileCopy.CardFile.Card!.Name, Project = c.FileCopy.CardFile.Card.Project!.Name })
            .Take(AlertExamples).ToListAsync(cancellationToken).ConfigureAwait(false);
        string? alert = null;
        if (audit.Damaged + audit.Missing > 0)
        {
            alert = string.Create(CultureInfo.InvariantCulture,
                $"{audit.Damaged + audit.Missing} of {audit.Checked} stored copies failed their fixity check ({audit.Damaged} damaged, {audit.Missing} missing) in {audit.Scope}: ")
                + string.Join("; ", bad.Select(b => $"{b.Project}/{b.Card}/{b.RelativePath} {b.Outcome.ToString().ToLowerInvariant()}"))
                + (audit.Damaged + audit.Missing > bad.Count ? "; …" : ".")
                + (audit.Repaired > 0 ? string.Create(CultureInfo.InvariantCulture, $" {audit.Repaired} repaired from a good copy in another store.") : "");
            logger.LogError("Fixity audit {Audit}: {Alert}", auditId, alert);
            await AnnounceAsync(db, auditId, audit.Scope, cancellationToken).ConfigureAwait(false);
        }
        if (inArchive > 0)
        {
            // Said, not hidden: these copies are unverified until someone restores and audits them.
            alert = (alert is null ? "" : alert + " ") + string.Create(CultureInfo.InvariantCulture,
                $"{inArchive} stored cop{(inArchive == 1 ? "y is" : "ies are")} in an archive tier and {(inArchive == 1 ? "was" : "were")} not read (reading needs a restore request first); their last checks stand.");
        }
        audit.Alert = failure is null ? alert : failure + (alert is null ? "" : " " + alert);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Fixity audit {Audit} {Status}: {Checked} checked, {Intact} intact, {Damaged} damaged, {Missing} missing, {Bytes} bytes read",
            auditId, audit.Status, audit.Checked, audit.Intact, audit.Damaged, audit.Missing, audit.BytesRead);
    }

    /// <summary>Each project with a damaged or missing copy hears of its own files (and only those:
    /// its followers may not read the other projects).</summary>
    private async Task AnnounceAsync(CatalogDbContext db, Guid auditId, string scope, CancellationToken cancellationToken)
    {
        var bad = await db.FixityChecks.AsNoTracking()
            .Where(c => c.FixityAuditId == auditId && c.Outcome != FixityOutcome.Intact)
            .Select(c => new { c.Outcome, c.FileCopy!.Location, c.FileCopy.CardFile!.RelativePath, Card = c.FileCopy.CardFile.Card!.Name, c.FileCopy.CardFile.Card.ProjectId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var project in bad.GroupBy(b => b.ProjectId))
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"Fixity audit of {scope}: {project.Count()} stored cop{(project.Count() == 1 ? "y" : "ies")} failed: ")
                + string.Join("; ", project.Take(AlertExamples).Select(b => $"{b.Card}/{b.RelativePath} in {b.Location} {b.Outcome.ToString().ToLowerInvariant()}"))
                + (project.Count() > AlertExamples ? "; …" : ".");
            await ProjectEvents.AddAsync(db, signal, project.Key, "fixity-failure", null, "fixity audit", text, now, cancellationToken).ConfigureAwait(false);
        }
    }
}
