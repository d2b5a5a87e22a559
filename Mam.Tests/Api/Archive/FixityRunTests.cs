using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Storage;
using Mam.Tests.Support;
using Mam.Workers.Fixity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mam.Tests.Api.Archive.ArchivedCard;

namespace Mam.Tests.Api.Archive;

/// <summary>How audits go through a large archive: the scheduled run takes never-checked copies first,
/// within its budget, and the next run goes on from there; a run stopped by a restart continues
/// without checking anything twice or skipping anything.</summary>
[TestFixture]
public sealed class FixityRunTests
{
    private const string Project = "Vineyard";

    [Test]
    public async Task ScheduledAudits_WithABudgetOfTwoFiles_CheckNeverCheckedFilesFirst_ThenTheOldest()
    {
        await using var api = new MamApiFactory(settings: Settings(StorageProvider.FileSystem,
            ("Fixity:FilesPerRun", "2"), ("Fixity:SamplePercent", "0")));
        using var client = api.CreateWriter();
        await RegisterAsync(client, Project, "B001", Enumerable.Range(1, 3).ToDictionary(i => $"Reports/B001-{i}.pdf", i => Bytes(10_000, i)));

        await RunScheduledAsync(api);
        var afterFirst = await StoreCopiesAsync(api);
        afterFirst.Count(c => c.LastCheckedAt is not null).ShouldBe(2);
        var leftOut = afterFirst.Single(c => c.LastCheckedAt is null).Id;

        await RunScheduledAsync(api);
        var afterSecond = await StoreCopiesAsync(api);
        afterSecond.ShouldAllBe(c => c.LastCheckedAt != null && c.LastOutcome == FixityOutcome.Intact);
        var secondAudit = await InCatalogAsync(api, db => db.FixityAudits.OrderByDescending(a => a.RequestedAt).FirstAsync());
        secondAudit.Plan.First().ShouldBe(leftOut, "the copy never checked goes first");
        secondAudit.Scope.ShouldBe("every project");
        secondAudit.RequestedBy.ShouldBe("schedule");
    }

    [Test]
    public async Task AnAuditStoppedMidway_ContinuesOnItsNextRun_CheckingEachPlannedCopyExactlyOnce()
    {
        // 2 MiB/s and 1 MiB files: each check takes half a second, so the stop lands between checks.
        await using var api = new MamApiFactory(settings: Settings(StorageProvider.FileSystem, ("Fixity:MaxMiBPerSecond", "2"), ("Fixity:SamplePercent", "0")));
        using var client = api.CreateWriter();
        await RegisterAsync(client, Project, "B002", Enumerable.Range(1, 4).ToDictionary(i => $"Reports/B002-{i}.pdf", i => Bytes(1024 * 1024, 10 + i)));
        var audit = new FixityAudit { Id = Guid.NewGuid(), Scope = "project " + Project, RequestedBy = "test", RequestedAt = DateTime.UtcNow, Status = FixityAuditStatus.Queued };
        await InCatalogAsync(api, async db => { db.FixityAudits.Add(audit); await db.SaveChangesAsync(); return 0; });

        using (var restart = new CancellationTokenSource())
        {
            var run = RunAsync(api, audit.Id, restart.Token);
            while (await InCatalogAsync(api, db => db.FixityChecks.CountAsync(c => c.FixityAuditId == audit.Id)) == 0 && !run.IsCompleted)
            {
                await Task.Delay(20);
            }
            await restart.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(run);
        }
        var checkedBefore = await InCatalogAsync(api, db => db.FixityChecks.CountAsync(c => c.FixityAuditId == audit.Id));
        checkedBefore.ShouldBeInRange(1, 3, "the stop came after the first check and before the last");

        await RunAsync(api, audit.Id, CancellationToken.None);

        var checks = await InCatalogAsync(api, db => db.FixityChecks.Where(c => c.FixityAuditId == audit.Id).Select(c => c.FileCopyId).ToListAsync());
        var stored = await StoreCopiesAsync(api);
        checks.Order().ShouldBe(stored.Select(c => c.Id).Order(), "every stored copy checked, none twice");
        var done = await InCatalogAsync(api, db => db.FixityAudits.SingleAsync(a => a.Id == audit.Id));
        done.Status.ShouldBe(FixityAuditStatus.Done);
        done.Checked.ShouldBe(4);
        done.Intact.ShouldBe(4);
        done.BytesRead.ShouldBe(4L * 1024 * 1024);
    }

    private static async Task RunScheduledAsync(MamApiFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ScheduledFixityAudit>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    private static async Task RunAsync(MamApiFactory api, Guid audit, CancellationToken cancellationToken)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FixityAuditRun>().RunAsync(audit, cancellationToken);
    }

    private static Task<List<FileCopy>> StoreCopiesAsync(MamApiFactory api) =>
        InCatalogAsync(api, db => db.FileCopies.AsNoTracking().Where(c => c.Kind == CopyKind.Store).ToListAsync());

    private static async Task<T> InCatalogAsync<T>(MamApiFactory api, Func<CatalogDbContext, Task<T>> query)
    {
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
