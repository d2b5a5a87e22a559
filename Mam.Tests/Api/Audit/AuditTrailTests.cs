using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Audit;

/// <summary>What people do lands in the audit trail with who, when, from where and how it went, on the
/// real API (a real socket, so the address is a real one). Each test acts as people of its own (real
/// people with tokens) and reads back only their rows, as the server administrator.</summary>
[TestFixture]
public sealed class AuditTrailTests
{
    private const string Harbour = "Harbour Film";
    private const string Desert = "Desert Film";
    private MamApiFactory _api = null!;
    private HttpClient _admin = null!;
    private Guid _harbourClip;
    private Guid _desertClip;

    [OneTimeSetUp]
    public async Task TwoProjectsWithAClipEach()
    {
        _api = new MamApiFactory(realSocket: true);
        _admin = _api.CreateWriter();
        _harbourClip = await AuditedClips.AddWithProxyAsync(_api.Services, Harbour, "A001C001", 64 * 1024);
        _desertClip = await AuditedClips.AddWithProxyAsync(_api.Services, Desert, "D001C001", 64 * 1024);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Search_IsRecordedWithItsTextThePersonTheTimeTheAddressAndTheResult()
    {
        using var ada = await PersonAsync("ada", (Harbour, ProjectRole.Editor));
        var id = await IdOfAsync(ada);
        var before = DateTime.UtcNow.AddSeconds(-1);
        (await SendAsync(ada, HttpMethod.Get, "/api/search?q=foghorn&project=Harbour%20Film")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = DateTime.UtcNow.AddSeconds(1);

        var row = await AuditedClips.WaitForOneAsync(_admin, "person=ada&action=search", _ => true);

        (row.Text("actorId"), row.Text("actorName")).ShouldBe((id, "ada"));
        row.Text("clientAddress").ShouldBe("127.0.0.1");
        row.Text("project").ShouldBe(Harbour);
        row.Text("detail").ShouldBe("q=foghorn&project=Harbour Film");
        (row.Text("result"), row.GetProperty("status").GetInt32()).ShouldBe(("ok", 200));
        row.GetProperty("at").GetDateTime().ToUniversalTime().ShouldBeInRange(before, after);
        (await AuditedClips.WaitForOneAsync(_admin, $"person={id}&action=search", _ => true)).Text("detail").ShouldBe(row.Text("detail"), "by id as by name");
    }

    [Test]
    public async Task ViewingAClip_IsRecordedWithTheClipAndItsProject_AndAViewWithoutTheRightAsWell()
    {
        using var grace = await PersonAsync("grace", (Desert, ProjectRole.Viewer));
        using var nobody = _api.CreateAnonymous();
        (await SendAsync(grace, HttpMethod.Get, $"/api/assets/{_desertClip}?view=0f3c9a")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(grace, HttpMethod.Get, $"/api/assets/{_harbourClip}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another project's clip");
        (await SendAsync(nobody, HttpMethod.Get, $"/api/assets/{_harbourClip}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var rows = await AuditedClips.WaitForCountAsync(_admin, "person=grace&action=view-clip", 2);
        var page = rows.Single(r => r.Text("assetId") == _desertClip.ToString());
        (page.Text("detail"), page.Text("project"), page.Text("result")).ShouldBe(("clip page, view 0f3c9a", Desert, "ok"));
        var elsewhere = rows.Single(r => r.Text("assetId") == _harbourClip.ToString());
        (elsewhere.Text("result"), elsewhere.GetProperty("status").GetInt32(), elsewhere.Text("project")).ShouldBe(("failed", 404, Harbour),
            "the trail names the project the person could not see");
        var anonymous = await AuditedClips.WaitForOneAsync(_admin, $"person=anonymous&action=view-clip&asset={_harbourClip}", _ => true);
        (anonymous.Text("actorId"), anonymous.Text("result"), anonymous.GetProperty("status").GetInt32()).ShouldBe(("anonymous", "refused", 401));
    }

    [Test]
    public async Task ExportingTheTranscriptOrMarkers_IsAnExportWithItsFormatAndSize_AndAWholeProxyADownload()
    {
        using var editor = await PersonAsync("export-editor", (Harbour, ProjectRole.Editor));
        var srt = await SendAsync(editor, HttpMethod.Get, $"/api/assets/{_harbourClip}/transcript.srt");
        var csv = await SendAsync(editor, HttpMethod.Get, $"/api/assets/{_harbourClip}/markers.csv");
        var proxy = await SendAsync(editor, HttpMethod.Get, $"/api/assets/{_harbourClip}/proxy");

        var rows = await AuditedClips.WaitForCountAsync(_admin, "person=export-editor", 3);
        var srtRow = rows.Single(r => r.Text("detail") == "transcript (SRT)");
        (srtRow.Text("action"), srtRow.GetProperty("bytes").GetInt64()).ShouldBe(("export", (await srt.Content.ReadAsByteArrayAsync()).LongLength));
        rows.Single(r => r.Text("detail") == "markers (CSV)").GetProperty("bytes").GetInt64().ShouldBe((await csv.Content.ReadAsByteArrayAsync()).LongLength);
        var download = rows.Single(r => r.Text("action") == "download");
        download.GetProperty("bytes").GetInt64().ShouldBe((await proxy.Content.ReadAsByteArrayAsync()).LongLength);
        rows.ShouldAllBe(r => r.Text("project") == Harbour && r.Text("assetId") == _harbourClip.ToString());
    }

    [Test]
    public async Task PipelineRequests_AreRecordedWithWhatWasAskedAndWhy_AndOnesWithoutTheRightAsRefused()
    {
        using var supervisor = await PersonAsync("supervisor", (Harbour, ProjectRole.Editor));
        await SendAsync(supervisor, HttpMethod.Post, "/api/pipeline/reruns", new { project = Harbour, stages = new[] { "index" }, reason = "New index mapping" });
        await SendAsync(supervisor, HttpMethod.Post, "/api/pipeline/rebuilds", new { asset = _harbourClip, reason = "Bucket restored" });
        await SendAsync(supervisor, HttpMethod.Post, $"/api/assets/{_harbourClip}/stages/index/retry?reason=Stuck");
        (await SendAsync(supervisor, HttpMethod.Post, "/api/search/reindex?project=Harbour%20Film&reason=Mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(_admin, HttpMethod.Post, "/api/search/reindex?project=Desert%20Film&reason=New%20cluster")).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var rows = await AuditedClips.WaitForCountAsync(_admin, "person=supervisor", 4);
        rows.ShouldContain(r => r.Text("action") == "rerun" && r.Text("detail") == "project Harbour Film (index): New index mapping" && r.Text("result") == "ok");
        rows.ShouldContain(r => r.Text("action") == "rebuild" && r.Text("detail") == $"asset {_harbourClip}: Bucket restored" && r.Text("project") == Harbour);
        rows.ShouldContain(r => r.Text("action") == "rerun" && r.Text("detail") == $"asset {_harbourClip} (index): Stuck");
        var refused = rows.Single(r => r.Text("action") == "reindex");
        (refused.Text("result"), refused.GetProperty("status").GetInt32()).ShouldBe(("refused", 403), "refused before its handler ran: who and when are known");
        var reindex = await AuditedClips.WaitForOneAsync(_admin, "action=reindex&result=ok", _ => true);
        (reindex.Text("detail"), reindex.GetProperty("status").GetInt32()).ShouldBe(("project Desert Film: New cluster", 202));
    }

    [Test]
    public async Task SigningIn_WithAWrongPassword_IsASignInFailedNamingWhoWasTried_AndWithTheRightOneASignInOfThatPerson()
    {
        await _api.AddPersonAsync("linus", false, (Harbour, ProjectRole.Viewer));
        using var browser = new HttpClient { BaseAddress = _api.BaseUri };
        (await SignInForm.PostAsync(browser, "linus", "not-the-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInForm.PostAsync(browser, "linus", MamApiFactory.PasswordOf("linus"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.PostAsync("/logout", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var failed = await AuditedClips.WaitForOneAsync(_admin, "action=sign-in-failed", r => r.Text("detail") == "password, as linus");
        (failed.Text("actorId"), failed.Text("result"), failed.GetProperty("status").GetInt32(), failed.Text("clientAddress")).ShouldBe(("anonymous", "refused", 401, "127.0.0.1"));
        var signedIn = await AuditedClips.WaitForOneAsync(_admin, "person=linus&action=sign-in", _ => true);
        (signedIn.Text("result"), signedIn.Text("detail")).ShouldBe(("ok", "password, as linus"));
        (await AuditedClips.WaitForOneAsync(_admin, "person=linus&action=sign-out", _ => true)).Text("result").ShouldBe("ok");
    }

    [Test]
    public async Task TokensPeopleAndRoles_AreRecordedWhenMadeChangedOrRevoked()
    {
        using var dit = await PersonAsync("dit", (Harbour, ProjectRole.Ingest));
        var made = await (await SendAsync(dit, HttpMethod.Post, "/api/tokens", new { name = "agent on the cart", project = Harbour, role = "ingest" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await SendAsync(dit, HttpMethod.Delete, $"/api/tokens/{made.GetProperty("token").Text("id")}");
        await SendAsync(_admin, HttpMethod.Post, "/api/people", new { userName = "newcomer" });
        await SendAsync(_admin, HttpMethod.Put, "/api/projects/Harbour%20Film/members/newcomer", new { role = "reviewer" });

        var rows = await AuditedClips.WaitForCountAsync(_admin, "person=dit", 2);
        rows.ShouldContain(r => r.Text("action") == "token-created" && r.Text("detail") == "'agent on the cart', role ingest" && r.Text("project") == Harbour);
        rows.ShouldContain(r => r.Text("action") == "token-revoked" && r.Text("detail") == "'agent on the cart'");
        (await AuditedClips.WaitForOneAsync(_admin, "action=person-added", _ => true)).Text("detail").ShouldBe("newcomer");
        var role = await AuditedClips.WaitForOneAsync(_admin, "action=role-changed", _ => true);
        (role.Text("detail"), role.Text("project")).ShouldBe(("newcomer: reviewer", Harbour));
    }

    [Test]
    public async Task WatchedSecondsReports_ThatCannotMeanAnything_AreRefusedWithAMessage()
    {
        using var viewer = await PersonAsync("watcher", (Harbour, ProjectRole.Viewer));
        var cases = new (Guid Asset, object Body, HttpStatusCode Status, string Says)[]
        {
            (_harbourClip, new { view = "v1", seconds = -3 }, HttpStatusCode.BadRequest, "\"seconds\" must be more than 0"),
            (_harbourClip, new { view = "v1", seconds = 1e9 }, HttpStatusCode.BadRequest, "at most 300"),
            (_harbourClip, new { view = "<script>", seconds = 15 }, HttpStatusCode.BadRequest, "\"view\" must be"),
            (Guid.NewGuid(), new { view = "v1", seconds = 15 }, HttpStatusCode.NotFound, "There is no asset"),
            (_desertClip, new { view = "v1", seconds = 15 }, HttpStatusCode.NotFound, "There is no asset"),
        };
        foreach (var (asset, body, status, says) in cases)
        {
            var response = await viewer.PostAsJsonAsync($"/api/assets/{asset}/watched", body);
            response.StatusCode.ShouldBe(status, JsonSerializer.Serialize(body));
            (await response.Content.ReadFromJsonAsync<JsonElement>()).Text("detail").ShouldContain(says);
        }
        (await viewer.GetAsync($"/api/assets/{_harbourClip}?view=%3Cscript%3E")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task TheTrail_IsReadByServerAdministratorsOnly_AndNoRouteChangesOrDeletesARow()
    {
        using var nobody = _api.CreateAnonymous();
        using var projectAdmin = await PersonAsync("snoop", (Harbour, ProjectRole.Administrator));
        (await nobody.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await projectAdmin.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await projectAdmin.GetAsync("/api/audit.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var row = await AuditedClips.WaitForOneAsync(_admin, "person=snoop", _ => true);
        (row.Text("action"), row.Text("result")).ShouldBe(("export", "refused"), "the attempt to take the trail away is itself recorded");

        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch })
        {
            foreach (var url in new[] { "/api/audit", $"/api/audit/{row.GetProperty("id").GetInt64()}" })
            {
                var response = await _admin.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(new { detail = "nothing happened" }) });
                ((int)response.StatusCode).ShouldBeOneOf([404, 405], $"{method} {url}");
            }
        }
        (await AuditedClips.WaitForOneAsync(_admin, "person=snoop", _ => true)).Text("detail").ShouldBe(row.Text("detail"));
    }

    private async Task<HttpClient> PersonAsync(string userName, params (string Project, ProjectRole Role)[] roles) =>
        _api.WithToken(await _api.PersonTokenAsync(userName, roles));

    private static async Task<string> IdOfAsync(HttpClient person) =>
        (await person.GetFromJsonAsync<JsonElement>("/api/me")).Text("id");

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
