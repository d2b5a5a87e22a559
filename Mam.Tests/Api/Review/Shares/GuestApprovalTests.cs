using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review.Shares;

/// <summary>A guest whose link carries the right to approve decides on the latest version under the rules
/// members follow; the approval is recorded and its certificate, verified offline, names the guest (name,
/// e-mail, the link); without the right, on an older version, or after the link is withdrawn, nothing is stored.</summary>
[TestFixture]
public sealed class GuestApprovalTests() : ManagerSharing("guest-approvals")
{
    [Test]
    public async Task AGuestWithTheRight_ApprovesTheLatestVersion_AndTheCertificateVerifiesOffline_NamingTheGuest()
    {
        var (v1, v2) = await TwoVersionsAsync("5555555555555555", "6666666666666666");
        var (linkId, url) = await ShareAsync(["approve"], v1, v2);
        var guest = await ShareGuests.OpenAsync(Api, url, "Robin Client", "robin@client.example");

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{v2}/approvals", new { decision = "approved-with-changes", note = "Warmer grade on the last shot" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var approval = await response.Content.ReadFromJsonAsync<JsonElement>();
        approval.GetProperty("reviewer").GetString().ShouldBe("Robin Client (guest)");
        approval.GetProperty("version").GetInt32().ShouldBe(2);
        var team = await Manager.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/approvals");
        team.EnumerateArray().Single().GetProperty("decision").GetString().ShouldBe("approved-with-changes");
        await using (var db = await Catalog().CreateDbContextAsync())
        {
            var stored = await db.Approvals.SingleAsync(a => a.AssetId == v2);
            (stored.PersonId, stored.GuestEmail, stored.ShareLinkId).ShouldBe((null, "robin@client.example", linkId));
        }

        // The certificate's URL is the guest's own, under the link.
        approval.GetProperty("certificateUrl").GetString().ShouldBe($"{url}/api/approvals/{approval.GetProperty("id").GetGuid()}/certificate");
        var (exit, output) = await OfflineCheck.VerifyAsync(await guest.GetStringAsync(approval.GetProperty("certificateUrl").GetString()),
            await Manager.GetStringAsync("/api/approvals/signing-key.pem"), Work.Path);

        exit.ShouldBe(0, output);
        output.ShouldContain("Verified OK");
        var claims = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        var reviewer = claims.GetProperty("reviewer");
        reviewer.GetProperty("name").GetString().ShouldBe("Robin Client");
        reviewer.GetProperty("email").GetString().ShouldBe("robin@client.example");
        reviewer.GetProperty("guest").GetBoolean().ShouldBeTrue();
        reviewer.GetProperty("shareLink").GetString().ShouldBe(linkId.ToString());
        claims.GetProperty("decision").GetString().ShouldBe("approved-with-changes");
        claims.GetProperty("master").GetProperty("xxh64").GetString().ShouldBe("6666666666666666");

        var events = await Manager.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/events?take=500");
        events.EnumerateArray().Select(e => e.GetProperty("text").GetString()).ShouldContain(
            "Robin Client (guest): approved-with-changes version 2 of CUT_v2: Warmer grade on the last shot");
    }

    [Test]
    public async Task AGuestWithoutTheRight_IsRefused_AndNothingIsStored()
    {
        var (_, v2) = await TwoVersionsAsync("7777777777777777", "8888888888888888");
        var (_, url) = await ShareAsync(["comment"], v2);
        var guest = await ShareGuests.OpenAsync(Api, url);

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{v2}/approvals", new { decision = "approved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:share-right-missing");
        problem.GetProperty("detail").GetString().ShouldBe("The link lee sent you does not let you approve or reject. Ask them for a link that does.");
        (await ApprovalsOfAsync(v2)).ShouldBe(0);
    }

    [Test]
    public async Task AGuestApprovingAVersionThatIsNotTheLatest_IsRefusedNamingTheLatest_AndNothingIsStored()
    {
        var (v1, v2) = await TwoVersionsAsync("9999999999999990", "9999999999999991");
        var (_, url) = await ShareAsync(["approve"], v1, v2);
        var guest = await ShareGuests.OpenAsync(Api, url);

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{v1}/approvals", new { decision = "approved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:not-latest-version");
        problem.GetProperty("detail").GetString()!.ShouldContain("is version 1; the latest is version 2 (CUT_v2)");
        (await ApprovalsOfAsync(v1)).ShouldBe(0);
        (await ApprovalsOfAsync(v2)).ShouldBe(0);
    }

    [Test]
    public async Task AGuestRejectingWithoutANote_IsToldToSayWhatHasToChange_AndNothingIsStored()
    {
        var (_, v2) = await TwoVersionsAsync("9999999999999992", "9999999999999993");
        var (_, url) = await ShareAsync(["approve"], v2);
        var guest = await ShareGuests.OpenAsync(Api, url);

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{v2}/approvals", new { decision = "rejected", note = "  " });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ShareGuests.DetailAsync(response)).ShouldBe("Say what has to change: a note is needed to approve with changes or to reject.");
        (await ApprovalsOfAsync(v2)).ShouldBe(0);
    }

    [Test]
    public async Task AGuestApprovingThroughAWithdrawnLink_GetsGone_AndNothingIsStored()
    {
        var (_, v2) = await TwoVersionsAsync("9999999999999994", "9999999999999995");
        var (linkId, url) = await ShareAsync(["approve"], v2);
        var guest = await ShareGuests.OpenAsync(Api, url);
        (await Manager.DeleteAsync($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares/{linkId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{v2}/approvals", new { decision = "approved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await ShareGuests.TypeAsync(response)).ShouldBe("urn:mam:problem:share-revoked");
        (await ApprovalsOfAsync(v2)).ShouldBe(0);
    }

    [Test]
    public async Task AGuestApproval_IsRecordedAtTheStage_ButOpensNoGate_WhichOnlyTheNamedApproverOpens()
    {
        const string project = "Guest Gate Film";
        using var manager = Api.WithToken(await Api.PersonTokenAsync("lee", (project, ProjectRole.Administrator)));
        using var dana = Api.WithToken(await Api.PersonTokenAsync("dana", (project, ProjectRole.Reviewer)));
        var cut = await ReviewClips.AddAsync(Api.Services, "REEL9_v1", 25, 1, "10:00:00:00", 60, project: project);
        var set = await manager.PutAsJsonAsync($"/api/projects/{Uri.EscapeDataString(project)}/stages", new
        {
            stages = new object[] { new { name = "Client review", rule = "any", approvers = new[] { "dana" } }, new { name = "Delivery", rule = "any", approvers = new[] { "dana" } } },
        });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var (_, url) = await ShareGuests.ShareAsync(manager, new { recipientName = "Robin", recipientEmail = "robin@client.example", clips = new[] { cut }, rights = new[] { "approve" } }, project);
        var guest = await ShareGuests.OpenAsync(Api, url);

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{cut}/approvals", new { decision = "approved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stage").GetString().ShouldBe("Client review");
        (await dana.GetFromJsonAsync<JsonElement>($"/api/assets/{cut}/gate")).GetProperty("open").GetBoolean().ShouldBeFalse("a client's approval is on record but opens no gate");
        (await dana.PostAsJsonAsync($"/api/assets/{cut}/approvals", new { decision = "approved" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await dana.GetFromJsonAsync<JsonElement>($"/api/assets/{cut}/gate")).GetProperty("open").GetBoolean().ShouldBeTrue();
    }

    private IDbContextFactory<CatalogDbContext> Catalog() => Api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();

    private async Task<int> ApprovalsOfAsync(Guid asset)
    {
        await using var db = await Catalog().CreateDbContextAsync();
        return await db.Approvals.CountAsync(a => a.AssetId == asset);
    }

    private Task<(Guid Id, string Url)> ShareAsync(string[] rights, params Guid[] clips) =>
        ShareGuests.ShareAsync(Manager, new { recipientName = "Robin", recipientEmail = "robin@client.example", clips, rights });

    private async Task<(Guid V1, Guid V2)> TwoVersionsAsync(string master1, string master2)
    {
        var v1 = await ReviewClips.AddAsync(Api.Services, "CUT_v1", 25, 1, "10:00:00:00", 60, master1);
        var v2 = await ReviewClips.AddAsync(Api.Services, "CUT_v2", 25, 1, "10:00:00:00", 60, master2);
        var added = await Manager.PostAsJsonAsync($"/api/assets/{v1}/versions", new { asset = v2 });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (v1, v2);
    }
}
