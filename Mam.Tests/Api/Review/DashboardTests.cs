using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review;

/// <summary>The dashboard across projects: stages and where cuts stand, approvals pending with the caller's
/// own first, recent activity, clips failing QC; and nothing of a project the caller may not read.</summary>
[TestFixture]
public sealed class DashboardTests
{
    private const string Film = "Dash Film";
    private const string Other = "Dash Other";
    private const string Secret = "Secret Feature <b>X</b>";
    private MamApiFactory _api = null!;
    private HttpClient _dana = null!;
    private HttpClient _manager = null!;
    private Guid _reel1;
    private Guid _reel2v2;

    [OneTimeSetUp]
    public async Task TwoProjectsAndAThirdNobodyHereMayRead()
    {
        _api = new MamApiFactory();
        _dana = _api.WithToken(await _api.PersonTokenAsync("dana", (Film, ProjectRole.Reviewer), (Other, ProjectRole.Reviewer)));
        await _api.PersonTokenAsync("sam", (Film, ProjectRole.Reviewer), (Other, ProjectRole.Reviewer));
        _manager = _api.CreateWriter();
        await StagesAsync(Film, ("Rough cut", "all", ["dana", "sam"]), ("Picture lock", "any", ["sam"]));
        await StagesAsync(Other, ("Assembly", "any", ["sam"]));

        _reel1 = await ReviewClips.AddAsync(_api.Services, "REEL1 <script>alert(1)</script>", 25, 1, "10:00:00:00", 60, project: Film);
        var reel2v1 = await ReviewClips.AddAsync(_api.Services, "REEL2_v1", 25, 1, "10:00:00:00", 60, project: Film);
        _reel2v2 = await ReviewClips.AddAsync(_api.Services, "REEL2_v2", 25, 1, "10:00:00:00", 60, project: Film);
        (await _dana.PostAsJsonAsync($"/api/assets/{reel2v1}/versions", new { asset = _reel2v2 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _dana.PostAsJsonAsync($"/api/assets/{_reel1}/comments", new { text = "first pass", frame = 5 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _dana.PostAsJsonAsync($"/api/assets/{_reel2v2}/approvals", new { decision = "approved" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var otherCut = await ReviewClips.AddAsync(_api.Services, "OTHER_cut", 25, 1, "10:00:00:00", 60, project: Other);
        (await _dana.PostAsJsonAsync($"/api/assets/{otherCut}/comments", new { text = "other note", frame = 1 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ReviewClips.AddAsync(_api.Services, "B001C001 black", 25, 1, "10:00:00:00", 60, project: Film);
        await FailQcAsync("B001C001 black", "Black throughout");

        var hidden = await ReviewClips.AddAsync(_api.Services, "SECRET_cut_v1", 25, 1, "10:00:00:00", 60, project: Secret);
        (await _manager.PostAsJsonAsync($"/api/assets/{hidden}/comments", new { text = "secret note", frame = 1 })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _dana.Dispose();
        _manager.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task TheDashboard_ShowsEachReadableProjectsStagesCutsPendingApprovalsActivityAndQcFailures()
    {
        var dashboard = await _dana.GetFromJsonAsync<JsonElement>("/api/dashboard");

        var projects = dashboard.GetProperty("projects").EnumerateArray().ToList();
        projects.Select(p => p.GetProperty("name").GetString()).ShouldBe([Film, Other]);
        var film = projects[0];
        film.GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("cuts").GetInt32()))
            .ShouldBe([("Rough cut", 2), ("Picture lock", 0)]);
        var cuts = film.GetProperty("cutsShown").EnumerateArray().ToList();
        cuts.Select(c => c.GetProperty("clipName").GetString()).ShouldBe(["REEL1 <script>alert(1)</script>", "REEL2_v2"], "one row per stack, named by its latest version");
        cuts[1].GetProperty("version").GetInt32().ShouldBe(2);
        cuts[1].GetProperty("stillToApprove").EnumerateArray().Select(n => n.GetString()).ShouldBe(["sam"]);
        film.GetProperty("failingQc").GetInt32().ShouldBe(1);
        film.GetProperty("failingQcShown")[0].GetProperty("findings")[0].GetString().ShouldBe("Black throughout");
        film.GetProperty("recent").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldContain("approval");
    }

    [Test]
    public async Task PendingApprovals_ListTheCallersOwnFirst()
    {
        var pending = (await _dana.GetFromJsonAsync<JsonElement>("/api/dashboard")).GetProperty("pending").EnumerateArray().ToList();

        pending.Select(p => (p.GetProperty("clipName").GetString(), p.GetProperty("forYou").GetBoolean())).ShouldBe(
        [
            ("REEL1 <script>alert(1)</script>", true), // dana and sam still to approve
            ("REEL2_v2", false), // dana approved; sam still to
            ("OTHER_cut", false), // only sam approves there
        ]);
        pending[0].GetProperty("waiting").EnumerateArray().Select(n => n.GetString()).ShouldBe(["dana", "sam"]);
        pending[0].GetProperty("clipUrl").GetString().ShouldBe($"/clips/{_reel1}");
    }

    [Test]
    public async Task AProjectTheCallerMayNotRead_NeverAppears_NotEvenItsName()
    {
        var body = await _dana.GetStringAsync("/api/dashboard");

        body.ShouldNotContain("Secret Feature");
        body.ShouldNotContain("SECRET_cut");
        body.ShouldNotContain("secret note");
        var all = await _manager.GetStringAsync("/api/dashboard");
        all.ShouldContain("SECRET_cut_v1", customMessage: "a server administrator reads every project: the test's hidden project is really there");
    }

    private async Task StagesAsync(string project, params (string Name, string Rule, string[] Approvers)[] stages)
    {
        var set = await _manager.PutAsJsonAsync($"/api/projects/{Uri.EscapeDataString(project)}/stages",
            new { stages = stages.Select(s => new { name = s.Name, rule = s.Rule, approvers = s.Approvers }) });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
    }

    private async Task FailQcAsync(string clipName, string summary)
    {
        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        var asset = await db.Assets.SingleAsync(a => a.ClipName == clipName);
        asset.Qc = new QcReport { Status = QcStatus.Fail, Summary = summary };
        await db.SaveChangesAsync();
    }
}
