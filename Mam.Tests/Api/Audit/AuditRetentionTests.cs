using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Tests.Support;
using Mam.Workers.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Api.Audit;

[TestFixture]
public sealed class AuditRetentionTests
{
    [Test]
    public async Task Retention_DeletesOnlyRowsOlderThanTheSetting_AndRecordsWhatItDeleted()
    {
        await using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Audit:RetentionDays"] = "30" });
        using var client = api.CreateWriter();
        await JobsDashboardTests.WaitForRecurringJobAsync(api, AuditRetentionJob.Id);
        var catalog = api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        var now = DateTime.UtcNow;
        await using (var db = await catalog.CreateDbContextAsync())
        {
            foreach (var (days, who) in new[] { (400, "p-ancient"), (31, "p-old"), (29, "p-recent"), (0, "p-today") })
            {
                db.AuditEvents.Add(new AuditEvent { At = now.AddDays(-days), ActorId = who, ActorName = who, Action = AuditActions.Search, Result = AuditResults.Ok });
            }
            await db.SaveChangesAsync();
        }

        using (var scope = api.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditRetentionJob>().RunAsync(CancellationToken.None);
        }

        await using (var db = await catalog.CreateDbContextAsync())
        {
            (await db.AuditEvents.Where(e => e.ActorId.StartsWith("p-")).Select(e => e.ActorId).ToListAsync())
                .ShouldBe(["p-recent", "p-today"], ignoreOrder: true);
            var note = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.Retention);
            (note.ActorName, note.Result).ShouldBe(("server", "ok"));
            note.Detail.ShouldStartWith("Deleted 2 event(s) from before ");
            note.Detail.ShouldEndWith("(Audit:RetentionDays = 30).");
        }
    }

    [TestCase("0")]
    [TestCase("forever")]
    public void ARetentionThatCannotBe_StopsTheServerAtStartWithAMessage(string days)
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Audit:RetentionDays"] = days });

        var refused = Should.Throw<Exception>(() => api.CreateClient());

        refused.ToString().ShouldContain("RetentionDays");
    }
}
