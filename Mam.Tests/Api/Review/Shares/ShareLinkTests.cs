using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Api.Audit;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review.Shares;

/// <summary>A project administrator shares clips with someone outside; the link is shown once, kept
/// hashed, expires, can take a password (wrong ones rate limited) and can be withdrawn, which ends the
/// guest's open session at its next request. Each refusal says why and stores nothing.</summary>
[TestFixture]
public sealed class ShareLinkTests
{
    private MamApiFactory _api = null!;
    private HttpClient _manager = null!;
    private HttpClient _reviewer = null!;
    private HttpClient _admin = null!;
    private Guid _clip;
    private Guid _elsewhere;

    [OneTimeSetUp]
    public async Task AClipAManagerAndAReviewer()
    {
        _api = new MamApiFactory(settings: new Dictionary<string, string> { ["Shares:PasswordAttemptsPerLink"] = "3" });
        _clip = await ReviewClips.AddAsync(_api.Services, "A001C001_CUT_V3", 25, 1, "10:00:00:00", 60);
        _elsewhere = await ReviewClips.AddAsync(_api.Services, "B001C001", 25, 1, "10:00:00:00", 60, project: "Other Film");
        _manager = _api.WithToken(await _api.PersonTokenAsync("lee", (ReviewClips.Project, ProjectRole.Administrator)));
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("dana", (ReviewClips.Project, ProjectRole.Reviewer)));
        _admin = _api.CreateWriter();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _manager.Dispose();
        _reviewer.Dispose();
        _admin.Dispose();
        _api.Dispose();
    }

    private object Body(object? expiresAt = null, string? password = null, string[]? rights = null, Guid? clip = null, string email = "robin@client.example") =>
        new { recipientName = "Robin (Client)", recipientEmail = email, clips = new[] { clip ?? _clip }, rights = rights ?? ["comment"], expiresAt, password };

    [Test]
    public async Task ALink_IsShownOnce_KeptOnlyAsAHash_AndExpiresInSevenDaysByDefault()
    {
        var (id, url) = await ShareGuests.ShareAsync(_manager, Body());

        url.ShouldStartWith("/share/s");
        var token = url["/share/".Length..];
        var list = await _manager.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares");
        var listed = list.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
        listed.GetProperty("url").ValueKind.ShouldBe(JsonValueKind.Null, "the link is shown once, when it is made");
        listed.GetProperty("state").GetString().ShouldBe("active");
        listed.GetProperty("rights").EnumerateArray().Select(r => r.GetString()).ShouldBe(["view", "comment"]);
        (listed.GetProperty("expiresAt").GetDateTime() - DateTime.UtcNow).TotalDays.ShouldBe(7, 0.01);
        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        var stored = await db.ShareLinks.SingleAsync(l => l.Id == id);
        stored.TokenHash.ShouldNotContain(token);
        stored.TokenHash.Length.ShouldBe(64);
        (await db.ShareLinks.CountAsync(l => l.TokenHash == token)).ShouldBe(0);
        var page = await ShareGuests.NewGuest(_api).GetAsync(url);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"], "the page's URL is the secret");
    }

    [Test]
    public async Task APasswordIsKeptHashed_AndTheGuestGetsInOnlyWithIt()
    {
        var (id, url) = await ShareGuests.ShareAsync(_manager, Body(password: "harbour lights 42"));
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            (await db.ShareLinks.SingleAsync(l => l.Id == id)).PasswordHash!.ShouldNotContain("harbour");
        }
        var door = await ShareGuests.NewGuest(_api).GetFromJsonAsync<JsonElement>(url + "/api/door");
        door.GetProperty("passwordRequired").GetBoolean().ShouldBeTrue();

        var guest = await ShareGuests.OpenAsync(_api, url, password: "harbour lights 42");

        (await guest.GetAsync(url + "/api/clips")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task WrongPasswords_AreRefused_StoreNoSession_AndAreRateLimitedPerLink()
    {
        var (_, url) = await ShareGuests.ShareAsync(_manager, Body(password: "harbour lights 42"));
        var before = await ShareGuests.CountsAsync(_api);
        var guest = ShareGuests.NewGuest(_api);
        for (var i = 0; i < 3; i++)
        {
            var wrong = await guest.PostAsJsonAsync(url + "/api/session", new { name = "Robin", email = "robin@client.example", password = "guess " + i });
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await ShareGuests.DetailAsync(wrong)).ShouldBe("The password does not match. Check it with whoever sent you the link.");
        }

        var throttled = await guest.PostAsJsonAsync(url + "/api/session", new { name = "Robin", email = "robin@client.example", password = "harbour lights 42" });

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the right password waits too: a guesser cannot tell");
        (await ShareGuests.TypeAsync(throttled)).ShouldBe("urn:mam:problem:too-many-share-passwords");
        int.Parse(throttled.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 15 * 60);
        (await ShareGuests.CountsAsync(_api)).Sessions.ShouldBe(before.Sessions);
        (await guest.GetAsync(url + "/api/clips")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [TestCase("past", "expiresAt: ", "is already past; a link must expire in the future.")]
    [TestCase("too-far", "expiresAt: a share link lives at most 90 days", "choose an earlier date")]
    [TestCase("right", "rights: 'delete' is not a share right; choose from view, comment, approve, download-proxy, download-original.", "")]
    [TestCase("email", "recipientEmail: 'robin at client' is not an e-mail address", "")]
    [TestCase("elsewhere", "clips: there is no clip ", "A link shares clips of one project.")]
    [TestCase("password", "password: at least 8 and at most 128 characters (or none).", "")]
    public async Task ABadLink_IsRefusedWithWhy_AndNothingIsStored(string what, string starts, string contains)
    {
        var body = what switch
        {
            "past" => Body(expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1)),
            "too-far" => Body(expiresAt: DateTimeOffset.UtcNow.AddDays(91)),
            "right" => Body(rights: ["comment", "delete"]),
            "email" => Body(email: "robin at client"),
            "elsewhere" => Body(clip: _elsewhere),
            _ => Body(password: "short"),
        };
        var before = await ShareGuests.CountsAsync(_api);

        var response = await _manager.PostAsJsonAsync($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = await ShareGuests.DetailAsync(response);
        detail.ShouldStartWith(starts);
        detail.ShouldContain(contains);
        (await ShareGuests.CountsAsync(_api)).Links.ShouldBe(before.Links);
    }

    [Test]
    public async Task AReviewer_MayNotShareFootageOutside_ButMayReadTheLinks()
    {
        var before = await ShareGuests.CountsAsync(_api);

        var response = await _reviewer.PostAsJsonAsync($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares", Body());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ShareGuests.DetailAsync(response)).ShouldStartWith("Your roles do not include this.");
        (await ShareGuests.CountsAsync(_api)).Links.ShouldBe(before.Links);
        (await _reviewer.GetAsync($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Withdrawing_EndsTheOpenGuestSession_AtItsNextRequest_AndTheLinkNoLongerOpens()
    {
        var (id, url) = await ShareGuests.ShareAsync(_manager, Body());
        var guest = await ShareGuests.OpenAsync(_api, url);
        (await guest.GetAsync(url + $"/api/clips/{_clip}/comments")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _manager.DeleteAsync($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cut = await guest.GetAsync(url + $"/api/clips/{_clip}/comments");
        cut.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await ShareGuests.DetailAsync(cut)).ShouldStartWith("lee (or another of the project's people) withdrew this link on ");
        var before = await ShareGuests.CountsAsync(_api);
        var comment = await guest.PostAsJsonAsync(url + $"/api/clips/{_clip}/comments", new { text = "one more note", frame = 10 });
        comment.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var again = await ShareGuests.NewGuest(_api).PostAsJsonAsync(url + "/api/session", new { name = "Robin", email = "robin@client.example" });
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await ShareGuests.TypeAsync(again)).ShouldBe("urn:mam:problem:share-revoked");
        (await ShareGuests.CountsAsync(_api)).ShouldBe(before, "neither the comment nor a new session was stored");
        var row = await AuditedClips.WaitForOneAsync(_admin, "action=share-revoked", r => r.Text("detail").Contains(id.ToString(), StringComparison.Ordinal));
        row.Text("actorName").ShouldBe("lee");
        await AuditedClips.WaitForOneAsync(_admin, "action=share-created", r => r.Text("detail").Contains(id.ToString(), StringComparison.Ordinal));
    }

    [Test]
    public async Task AnExpiredLink_EndsTheOpenSession_AndDoesNotOpen()
    {
        var (id, url) = await ShareGuests.ShareAsync(_manager, Body());
        var guest = await ShareGuests.OpenAsync(_api, url);
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            // The clock moved on: the link's end is now behind it.
            await db.ShareLinks.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }
        var before = await ShareGuests.CountsAsync(_api);

        var cut = await guest.GetAsync(url + "/api/clips");
        var door = await ShareGuests.NewGuest(_api).PostAsJsonAsync(url + "/api/session", new { name = "Robin", email = "robin@client.example" });

        cut.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await ShareGuests.DetailAsync(cut)).ShouldStartWith("This link was good until ");
        door.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await ShareGuests.TypeAsync(door)).ShouldBe("urn:mam:problem:share-expired");
        (await ShareGuests.CountsAsync(_api)).ShouldBe(before);
    }

    [Test]
    public async Task AnUnknownLink_IsNotFound_AndAForgedCookieGetsNothing()
    {
        var guest = ShareGuests.NewGuest(_api);
        var unknown = "/share/s" + new string('A', 43);

        (await guest.GetAsync(unknown + "/api/door")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await guest.PostAsJsonAsync(unknown + "/api/session", new { name = "R", email = "r@example.com" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var forged = new HttpRequestMessage(HttpMethod.Get, unknown + "/api/clips");
        forged.Headers.Add("Cookie", "mam-share=not-a-session");
        (await guest.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
