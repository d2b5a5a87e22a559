using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Mam.Storage;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mam.Tests.Api.Archive.ArchivedCard;

namespace Mam.Tests.Api.Review;

/// <summary>Workflow events beyond the review ones reach the project's activity (and so the live pages,
/// the tray, the digest and webhooks), each from where it happens: a card registered, a clip's last step
/// done or a step failed (the real stage runner), an approval asked for by an editor or by a new version
/// at a stage, a fixity audit that finds rot, a restore finished.</summary>
[TestFixture]
public sealed class WorkflowEventTests
{
    private const string Project = "Workflow Film";

    [Test]
    public async Task TheStageRunner_AnnouncesAClipFailed_AndAClipProcessed_AndItsCardComplete()
    {
        // Nothing else runs the stages these rows hold (the reconciler would run the real handlers on no media).
        await using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Pipeline:ReconcileInterval"] = "01:00:00", ["Pipeline:RepublishPendingAfter"] = "01:00:00" });
        using var admin = api.CreateWriter();
        var good = await ReviewClips.AddAsync(api.Services, "WF_GOOD", 25, 1, "10:00:00:00", 10, project: Project);
        var bad = await ReviewClips.AddAsync(api.Services, "WF_BAD", 25, 1, "10:00:00:00", 10, project: Project);
        await StagesAllDoneButIndexAsync(api, good);
        await StagesAllDoneButIndexAsync(api, bad);

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<StageRunner>();
            await runner.RunAsync(bad, StageRegistry.Index.Name, new Outcome(() => throw new StageFailedException("the search index refused the document: mapping conflict")), CancellationToken.None);
            await runner.RunAsync(good, StageRegistry.Index.Name, new Outcome(() => StageOutcome.Done()), CancellationToken.None);
        }

        var events = await EventsAsync(admin);
        events.ShouldContain(e => e.Kind == "clip-failed" && e.Asset == bad && e.Text.Contains("WF_BAD") && e.Text.Contains("failed at the Index step") && e.Text.Contains("mapping conflict"));
        events.ShouldContain(e => e.Kind == "clip-processed" && e.Asset == good && e.Text.StartsWith("WF_GOOD", StringComparison.Ordinal));
        events.Count(e => e.Kind == "card-complete").ShouldBe(1, "each clip has a card of its own here, and only the good one's card is complete");
        events.ShouldNotContain(e => e.Kind == "clip-processed" && e.Asset == bad);
    }

    [Test]
    public async Task ACardRegistered_IsOffloaded_AndAFixityAuditFindingRot_TellsTheProject()
    {
        await using var api = new MamApiFactory(settings: Settings(StorageProvider.FileSystem));
        using var admin = api.CreateWriter();
        await RegisterAsync(admin, Project, "A007", new Dictionary<string, byte[]> { ["Clips/A007C001.mov"] = Bytes(100_000, 7) },
            new { location = "dana-mbp:/Volumes/RAID/A007", verifiedAt = DateTimeOffset.UtcNow, verifiedBy = "ingest-agent 1.0" });
        (await EventsAsync(admin)).ShouldContain(e => e.Kind == "card-offloaded" && e.Text.StartsWith("Card A007 offloaded by Dana: 1 clip(s), 1 file(s)", StringComparison.Ordinal));

        await FlipAByteAsync(api, ObjectKeys.Original(Project, "A007", "Clips/A007C001.mov"));
        using var started = await admin.PostAsJsonAsync("/api/fixity/audits", new { project = Project });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        (await WaitForAuditAsync(admin, started.Headers.Location!.ToString())).GetProperty("damaged").GetInt32().ShouldBe(1);

        var rot = (await EventsAsync(admin)).Where(e => e.Kind == "fixity-failure").ShouldHaveSingleItem();
        rot.Text.ShouldContain("1 stored copy failed: A007/Clips/A007C001.mov in ");
        rot.Text.ShouldContain("damaged");
    }

    [Test]
    public async Task ARestoreFinished_IsAnnouncedOnce()
    {
        const string project = "Harbour Workflow";
        await using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Workers:Embedded"] = "false" });
        await CataloguedClips.AddAsync(api.Services, new CataloguedClips.Clip(project, "A002R2CD", "A002C004", "A", null, [], []));
        using var archivist = api.WithToken(await api.PersonTokenAsync("rosa-archivist", (project, ProjectRole.Archivist)));
        var plan = await (await archivist.PostAsJsonAsync("/api/restores", new { project, card = "A002R2CD" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = plan.GetProperty("id").GetGuid();
        var file = plan.GetProperty("files")[0].GetProperty("id").GetGuid();
        (await archivist.PostAsJsonAsync($"/api/restores/{id}/start", new { destination = "edit-3:/restores" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 2; i++)
        {
            // The agent reports its end twice (a retry after a lost answer).
            var report = new { files = new[] { new { id = file, result = "verified", xxh64 = "0123456789abcdef" } }, finished = true, bytes = 10, seconds = 1.0 };
            (await archivist.PostAsJsonAsync($"/api/restores/{id}/results", report)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var done = (await EventsAsync(archivist, project)).Where(e => e.Kind == "restore-done").ShouldHaveSingleItem();
        done.Text.ShouldBe("Restore of card A002R2CD done: 1 file(s) verified against the on-set checksums in edit-3:/restores");
    }

    [Test]
    public async Task AnApprovalRequest_NamesItsApprovers_AndANewVersionAtAStageAsksThatStagesApprovers()
    {
        const string project = "Ask Film";
        await using var api = new MamApiFactory();
        using var editor = api.WithToken(await api.PersonTokenAsync("eddie", (project, ProjectRole.Editor)));
        foreach (var name in new[] { "dana", "sam" })
        {
            await api.PersonTokenAsync(name, (project, ProjectRole.Reviewer));
        }
        await api.PersonTokenAsync("vic", (project, ProjectRole.Viewer));
        using var manager = api.CreateWriter();
        var v1 = await ReviewClips.AddAsync(api.Services, "ASK_v1", 25, 1, "10:00:00:00", 10, project: project);
        var v2 = await ReviewClips.AddAsync(api.Services, "ASK_v2", 25, 1, "10:00:00:00", 10, project: project);
        (await manager.PutAsJsonAsync($"/api/projects/{Uri.EscapeDataString(project)}/stages",
            new { stages = new object[] { new { name = "Rough cut", rule = "all", approvers = new[] { "dana", "sam" } } } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        using (var refused = await editor.PostAsJsonAsync($"/api/assets/{v1}/approval-requests", new { approvers = new[] { "dana", "vic", "nobody" } }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
                .ShouldBe("approvers: vic, nobody cannot approve here (only members of the project with the review right can); nobody was asked.");
        }
        (await EventsAsync(editor, project)).ShouldNotContain(e => e.Kind == "approval-requested", "a refused request asks nobody");

        using (var asked = await editor.PostAsJsonAsync($"/api/assets/{v1}/approval-requests", new { approvers = new[] { "dana" }, note = "<b>colour</b> is final" }))
        {
            asked.StatusCode.ShouldBe(HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
        }
        (await editor.PostAsJsonAsync($"/api/assets/{v1}/versions", new { asset = v2 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var asks = (await EventsAsync(editor, project)).Where(e => e.Kind == "approval-requested").Select(e => e.Text).ToList();
        asks.ShouldBe([
            "eddie asks dana to approve ASK_v1 at 'Rough cut': <b>colour</b> is final",
            "eddie added ASK_v2 as version 2: approval at 'Rough cut' requested from dana, sam",
        ]);
        using var stale = await editor.PostAsJsonAsync($"/api/assets/{v1}/approval-requests", new { });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("ASK_v2 (version 2) is the latest version of this stack");
    }

    private sealed record Seen(string Kind, Guid? Asset, string Text);

    private sealed class Outcome(Func<StageOutcome> run) : IPipelineStage
    {
        public Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken) => Task.FromResult(run());
    }

    private static async Task StagesAllDoneButIndexAsync(MamApiFactory api, Guid asset)
    {
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        await db.PipelineStages.Where(s => s.AssetId == asset && s.Stage == StageRegistry.Index.Name)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StageStatus.Pending).SetProperty(s => s.StartedAt, DateTime.UtcNow.AddMinutes(-1)));
    }

    private static async Task<List<Seen>> EventsAsync(HttpClient client, string project = Project)
    {
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(project)}/events?take=500");
        return events.EnumerateArray().Select(e => new Seen(e.GetProperty("kind").GetString()!,
            e.GetProperty("assetId").ValueKind == JsonValueKind.Null ? null : e.GetProperty("assetId").GetGuid(), e.GetProperty("text").GetString()!)).ToList();
    }
}
