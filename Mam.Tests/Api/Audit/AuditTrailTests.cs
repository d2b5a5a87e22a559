using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Audit;

/// <summary>What people do lands in the audit trail with who, when, from where and how it went, on the
/// real API (a real socket, so the address is a real one). People are signed in by the named stand-in
/// until the access foundation lands; each test acts as a person of its own and reads back only theirs.</summary>
[TestFixture]
public sealed class AuditTrailTests
{
    private const string Harbour = "Harbour Film";
    private const string Desert = "Desert Film";
    private MamApiFactory _api = null!;
    private HttpClient _admin = null!;
    private HttpClient _visitor = null!;
    private Guid _harbourClip;
    private Guid _desertClip;

    [OneTimeSetUp]
    public async Task TwoProjectsWithAClipEach()
    {
        _api = new MamApiFactory(realSocket: true, configure: SignedInPersonStandIn.Install);
        _admin = _api.CreateWriter();
        _visitor = _api.CreateReader();
        _harbourClip = await AuditedClips.AddWithProxyAsync(_api.Services, Harbour, "A001C001", 64 * 1024);
        _desertClip = await AuditedClips.AddWithProxyAsync(_api.Services, Desert, "D001C001", 64 * 1024);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _visitor.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Search_IsRecordedWithItsTextThePersonTheTimeTheAddressAndTheResult()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        (await SendAsync(_visitor, HttpMethod.Get, "/api/search?q=foghorn&project=Harbour%20Film", "p-search", "Ada Lovelace")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = DateTime.UtcNow.AddSeconds(1);

        var row = await AuditedClips.WaitForOneAsync(_admin, "person=p-search&action=search", _ => true);

        row.Text("actorId").ShouldBe("p-search");
        row.Text("actorName").ShouldBe("Ada Lovelace");
        row.Text("clientAddress").ShouldBe("127.0.0.1");
        row.Text("project").ShouldBe(Harbour);
        row.Text("detail").ShouldBe("q=foghorn&project=Harbour Film");
        (row.Text("result"), row.GetProperty("status").GetInt32()).ShouldBe(("ok", 200));
        row.GetProperty("at").GetDateTime().ToUniversalTime().ShouldBeInRange(before, after);
    }

    [Test]
    public async Task ViewingAClip_OnItsPageOrThroughTheApi_IsRecordedWithTheClipAndItsProject_AnonymousWhenNobodySignedIn()
    {
        (await SendAsync(_visitor, HttpMethod.Get, $"/api/assets/{_desertClip}?view=0f3c9a", "p-view", "Grace Hopper")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _visitor.GetAsync($"/api/assets/{_desertClip}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await AuditedClips.WaitForOneAsync(_admin, $"person=p-view&asset={_desertClip}", _ => true);
        page.Text("action").ShouldBe("view-clip");
        page.Text("detail").ShouldBe("clip page, view 0f3c9a");
        page.Text("project").ShouldBe(Desert);
        var api = await AuditedClips.WaitForOneAsync(_admin, $"person=anonymous&action=view-clip&asset={_desertClip}", r => r.Text("detail") == "API");
        (api.Text("actorId"), api.Text("actorName"), api.Text("result")).ShouldBe(("anonymous", "anonymous", "ok"));
    }

    [Test]
    public async Task ExportingTheTranscriptOrMarkers_IsAnExportWithItsFormatAndSize_AndAWholeProxyADownload()
    {
        var srt = await SendAsync(_visitor, HttpMethod.Get, $"/api/assets/{_harbourClip}/transcript.srt", "p-export", "Editor One");
        var csv = await SendAsync(_visitor, HttpMethod.Get, $"/api/assets/{_harbourClip}/markers.csv", "p-export", "Editor One");
        var proxy = await SendAsync(_visitor, HttpMethod.Get, $"/api/assets/{_harbourClip}/proxy", "p-export", "Editor One");

        var rows = await AuditedClips.WaitForCountAsync(_admin, "person=p-export", 3);
        var srtRow = rows.Single(r => r.Text("detail") == "transcript (SRT)");
        (srtRow.Text("action"), srtRow.GetProperty("bytes").GetInt64()).ShouldBe(("export", (await srt.Content.ReadAsByteArrayAsync()).LongLength));
        rows.Single(r => r.Text("detail") == "markers (CSV)").GetProperty("bytes").GetInt64().ShouldBe((await csv.Content.ReadAsByteArrayAsync()).LongLength);
        var download = rows.Single(r => r.Text("action") == "download");
        download.GetProperty("bytes").GetInt64().ShouldBe((await proxy.Content.ReadAsByteArrayAsync()).LongLength);
        rows.ShouldAllBe(r => r.Text("project") == Harbour && r.Text("assetId") == _harbourClip.ToString());
    }

    [Test]
    public async Task PipelineRequests_AreRecordedWithWhatWasAskedAndWhy_AndOneWithoutTheRightAsRefused()
    {
        await SendAsync(_admin, HttpMethod.Post, "/api/pipeline/reruns", "p-ops", "Supervisor",
            new { project = Harbour, stages = new[] { "index" }, reason = "New index mapping" });
        await SendAsync(_admin, HttpMethod.Post, "/api/pipeline/rebuilds", "p-ops", "Supervisor", new { asset = _harbourClip, reason = "Bucket restored" });
        await SendAsync(_admin, HttpMethod.Post, $"/api/assets/{_harbourClip}/stages/index/retry?reason=Stuck", "p-ops", "Supervisor");
        await SendAsync(_admin, HttpMethod.Post, "/api/search/reindex?project=Desert%20Film&reason=New%20cluster", "p-ops", "Supervisor");
        var refused = await SendAsync(_visitor, HttpMethod.Post, "/api/pipeline/reruns", "p-ops", "Supervisor",
            new { project = Desert, stages = new[] { "proxy" }, reason = "Trying without the key" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var rows = await AuditedClips.WaitForCountAsync(_admin, "person=p-ops", 5);
        rows.ShouldContain(r => r.Text("action") == "rerun" && r.Text("detail") == "project Harbour Film (index): New index mapping" && r.Text("result") == "ok");
        rows.ShouldContain(r => r.Text("action") == "rebuild" && r.Text("detail") == $"asset {_harbourClip}: Bucket restored" && r.Text("project") == Harbour);
        rows.ShouldContain(r => r.Text("action") == "rerun" && r.Text("detail") == $"asset {_harbourClip} (index): Stuck");
        rows.ShouldContain(r => r.Text("action") == "reindex" && r.Text("detail") == "project Desert Film: New cluster" && r.GetProperty("status").GetInt32() == 202);
        var refusedRow = rows.Single(r => r.Text("result") == "refused");
        (refusedRow.Text("action"), refusedRow.GetProperty("status").GetInt32(), refusedRow.Text("project")).ShouldBe(("rerun", 401, ""),
            "refused before its handler ran: what was asked is unknown, who and when are not");
        var operations = await _admin.GetFromJsonAsync<JsonElement>("/api/pipeline/operations?project=Harbour%20Film");
        operations.EnumerateArray().ShouldContain(o => o.Text("requestedBy") == "Supervisor", "the operation names the signed-in person who asked");
    }

    [Test]
    public async Task SigningInToTheJobsDashboard_WithAWrongKey_IsASignInFailed_AndWithTheKeyASignIn()
    {
        using var browser = new HttpClient { BaseAddress = _api.BaseUri };
        var wrong = await browser.SendAsync(JobsDashboardTests.SignInForm(await browser.GetStringAsync("/jobs/login"), "0123456789abcdef"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.SendAsync(JobsDashboardTests.SignInForm(await browser.GetStringAsync("/jobs/login"), _api.ApiKey))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var failed = await AuditedClips.WaitForOneAsync(_admin, "action=sign-in-failed", _ => true);
        (failed.Text("result"), failed.GetProperty("status").GetInt32(), failed.Text("clientAddress")).ShouldBe(("refused", 401, "127.0.0.1"));
        failed.Text("detail").ShouldBe("jobs dashboard (API key)");
        var signedIn = await AuditedClips.WaitForOneAsync(_admin, "action=sign-in", _ => true);
        signedIn.Text("result").ShouldBe("ok");
    }

    [Test]
    public async Task WatchedSecondsReports_ThatCannotMeanAnything_AreRefusedWithAMessage()
    {
        var cases = new (object Body, HttpStatusCode Status, string Says)[]
        {
            (new { asset = _harbourClip, view = "v1", seconds = -3 }, HttpStatusCode.BadRequest, "\"seconds\" must be more than 0"),
            (new { asset = _harbourClip, view = "v1", seconds = 1e9 }, HttpStatusCode.BadRequest, "at most 300"),
            (new { asset = _harbourClip, view = "<script>", seconds = 15 }, HttpStatusCode.BadRequest, "\"view\" must be"),
            (new { asset = Guid.NewGuid(), view = "v1", seconds = 15 }, HttpStatusCode.NotFound, "There is no asset"),
        };
        foreach (var (body, status, says) in cases)
        {
            var response = await _visitor.PostAsJsonAsync("/api/audit/watched", body);
            response.StatusCode.ShouldBe(status, JsonSerializer.Serialize(body));
            (await response.Content.ReadFromJsonAsync<JsonElement>()).Text("detail").ShouldContain(says);
        }
        (await _visitor.GetAsync($"/api/assets/{_harbourClip}?view=%3Cscript%3E")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task TheTrail_IsReadOnlyWithTheAdministratorRight_AndNoRouteChangesOrDeletesARow()
    {
        (await _visitor.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(_visitor, HttpMethod.Get, "/api/audit.csv", "p-snoop", "Snoop")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var row = await AuditedClips.WaitForOneAsync(_admin, "person=p-snoop", _ => true);
        (row.Text("action"), row.Text("result")).ShouldBe(("export", "refused"), "the attempt to take the trail away is itself recorded");

        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch })
        {
            foreach (var url in new[] { "/api/audit", $"/api/audit/{row.GetProperty("id").GetInt64()}" })
            {
                var response = await _admin.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(new { detail = "nothing happened" }) });
                ((int)response.StatusCode).ShouldBeOneOf([404, 405], $"{method} {url}");
            }
        }
        (await AuditedClips.WaitForOneAsync(_admin, "person=p-snoop", _ => true)).Text("detail").ShouldBe(row.Text("detail"));
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string personId, string name, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }.As(personId, name);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
