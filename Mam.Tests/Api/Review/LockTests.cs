using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review;

/// <summary>Locking the approved version: a project manager locks it; then no version is stacked on it and
/// no decision is given on it, each refusal saying who locked it; comments stay open; unlocking lets the
/// work go on.</summary>
[TestFixture]
public sealed class LockTests
{
    private const string Project = "Lock Film";
    private MamApiFactory _api = null!;
    private HttpClient _manager = null!;
    private HttpClient _reviewer = null!;

    [OneTimeSetUp]
    public async Task AManagerAndAReviewer()
    {
        _api = new MamApiFactory();
        _manager = _api.WithToken(await _api.PersonTokenAsync("pat-manager", (Project, ProjectRole.Administrator)));
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("rae-reviewer", (Project, ProjectRole.Reviewer)));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _manager.Dispose();
        _reviewer.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task ALockedVersion_TakesNoNewVersionAndNoDecision_ButComments_AndUnlockingOpensItAgain()
    {
        var (_, v2) = await ApprovedTwoVersionsAsync();

        var locked = await _manager.PostAsJsonAsync($"/api/assets/{v2}/lock", new { note = "picture lock for the mix" });
        locked.StatusCode.ShouldBe(HttpStatusCode.OK, await locked.Content.ReadAsStringAsync());

        var stack = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/versions");
        stack.GetProperty("lock").GetProperty("version").GetInt32().ShouldBe(2);
        stack.GetProperty("lock").GetProperty("by").GetString().ShouldBe("pat-manager");
        stack.GetProperty("lock").GetProperty("note").GetString().ShouldBe("picture lock for the mix");
        stack.GetProperty("versions")[1].GetProperty("locked").GetBoolean().ShouldBeTrue();

        var v3 = await ReviewClips.AddAsync(_api.Services, "LOCK_v3", 25, 1, "10:00:00:00", 60, "3333333333333333", Project);
        var added = await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/versions", new { asset = v3 });
        await ShouldBeLockedAsync(added, "No version can be added to this stack: pat-manager locked version 2 (LOCK_v2)");
        (await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/versions")).GetProperty("versions").GetArrayLength().ShouldBe(2, "nothing was stacked");

        var rejected = await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/approvals", new { decision = "rejected", note = "changed my mind" });
        await ShouldBeLockedAsync(rejected, "No approval can be given or taken back on it: pat-manager locked version 2 (LOCK_v2)");
        (await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/approvals")).GetArrayLength().ShouldBe(1, "the approval stands, and only it");

        var comment = await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/comments", new { text = "mix: dip the music here", frame = 10 });
        comment.StatusCode.ShouldBe(HttpStatusCode.Created, "comments stay open on a locked version");

        var unlocked = await _manager.DeleteAsync($"/api/assets/{v2}/lock");
        unlocked.StatusCode.ShouldBe(HttpStatusCode.OK, await unlocked.Content.ReadAsStringAsync());
        (await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/versions", new { asset = v3 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var events = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/events");
        var texts = events.EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        texts.ShouldContain("pat-manager locked version 2 of LOCK_v2: picture lock for the mix");
        texts.ShouldContain("pat-manager unlocked version 2 of LOCK_v2");
        (await AuditedAsync(v2, 2)).ShouldBe(["locked version 2 of LOCK_v2", "unlocked version 2 of LOCK_v2"], ignoreOrder: true);
    }

    /// <summary>The audit trail's lock and unlock rows for the clip (the trail is written a moment after the answer).</summary>
    private async Task<List<string?>> AuditedAsync(Guid assetId, int expected)
    {
        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        List<string?> rows = [];
        for (var i = 0; i < 100 && rows.Count < expected; i++)
        {
            rows = await db.AuditEvents.AsNoTracking().Where(e => e.AssetId == assetId && e.Action == "approve" && e.Detail!.Contains("locked")).Select(e => e.Detail).ToListAsync();
            await Task.Delay(rows.Count < expected ? 100 : 0);
        }
        return rows;
    }

    [Test]
    public async Task AReviewer_CannotLock_AndTheStackStaysOpen()
    {
        var (_, v2) = await ApprovedTwoVersionsAsync();

        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/lock", new { });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/versions")).GetProperty("lock").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task LockingAnEarlierVersion_AnUnapprovedOne_OrARejectedOne_IsRefusedWithWhy_AndNothingIsLocked()
    {
        var (v1, v2) = await TwoVersionsAsync();

        var unapproved = await _manager.PostAsJsonAsync($"/api/assets/{v2}/lock", new { });
        unapproved.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await unapproved.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString()!.ShouldEndWith("not-approved");
        problem.GetProperty("detail").GetString().ShouldBe("Version 2 of LOCK_v2 has no approval yet; it cannot be locked until approved.");

        var earlier = await _manager.PostAsJsonAsync($"/api/assets/{v1}/lock", new { });
        earlier.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await earlier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("LOCK_v1 is version 1; the latest is version 2 (LOCK_v2).");

        (await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/approvals", new { decision = "approved" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/approvals", new { decision = "rejected", note = "the grade drifted" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var rejected = await _manager.PostAsJsonAsync($"/api/assets/{v2}/lock", new { });
        rejected.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe("rae-reviewer rejected version 2 of LOCK_v2; it cannot be locked until approved.");

        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        (await db.StackGates.AnyAsync(g => g.StackId == v1 && g.LockedVersion != null)).ShouldBeFalse();
    }

    [Test]
    public async Task LockingTwice_OrUnlockingAnOpenCut_IsRefusedWithASentence()
    {
        var (_, v2) = await ApprovedTwoVersionsAsync();

        var open = await _manager.DeleteAsync($"/api/assets/{v2}/lock");
        open.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await open.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("No version of LOCK_v2's stack is locked; there is nothing to unlock.");

        (await _manager.PostAsJsonAsync($"/api/assets/{v2}/lock", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var twice = await _manager.PostAsJsonAsync($"/api/assets/{v2}/lock", new { });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("pat-manager locked version 2 (LOCK_v2) already.");
    }

    private static async Task ShouldBeLockedAsync(HttpResponseMessage response, string detail)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString()!.ShouldEndWith("version-locked");
        problem.GetProperty("detail").GetString()!.ShouldStartWith(detail);
        problem.GetProperty("detail").GetString()!.ShouldEndWith("A project manager unlocks it first.");
    }

    private async Task<(Guid V1, Guid V2)> ApprovedTwoVersionsAsync()
    {
        var (v1, v2) = await TwoVersionsAsync();
        var approved = await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/approvals", new { decision = "approved" });
        approved.StatusCode.ShouldBe(HttpStatusCode.Created, await approved.Content.ReadAsStringAsync());
        return (v1, v2);
    }

    private async Task<(Guid V1, Guid V2)> TwoVersionsAsync()
    {
        var v1 = await ReviewClips.AddAsync(_api.Services, "LOCK_v1", 25, 1, "10:00:00:00", 60, "1111111111111111", Project);
        var v2 = await ReviewClips.AddAsync(_api.Services, "LOCK_v2", 25, 1, "10:00:00:00", 60, "2222222222222222", Project);
        var added = await _reviewer.PostAsJsonAsync($"/api/assets/{v1}/versions", new { asset = v2 });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (v1, v2);
    }
}
