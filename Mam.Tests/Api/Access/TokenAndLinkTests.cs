using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Api.Security.Authentication;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Access;

/// <summary>Tokens and signed media links that should no longer work: expired, revoked, for another
/// project or role, replayed after expiry or on another file. Each says why, and nothing changes.</summary>
[TestFixture]
public sealed class TokenAndLinkTests
{
    private const string Alpha = "Alpha Film";
    private const string Beta = "Beta Film";
    private MamApiFactory _api = null!;
    private Guid _alphaClip;

    [OneTimeSetUp]
    public async Task TwoProjects()
    {
        _api = new MamApiFactory();
        _alphaClip = await CataloguedClips.AddAndIndexAsync(_api.Services, new CataloguedClips.Clip(Alpha, "A001", "A001C001", "A", null, [(1, 2, "the harbour lights")], []));
        await CataloguedClips.AddAndIndexAsync(_api.Services, new CataloguedClips.Clip(Beta, "B001", "B001C001", "B", null, [(1, 2, "the harbour lights")], []));
        await _api.AddPersonAsync("eve", false, (Alpha, ProjectRole.Editor), (Beta, ProjectRole.Editor));
    }

    [OneTimeTearDown]
    public void Stop() => _api.Dispose();

    [Test]
    public async Task ANewToken_IsShownOnce_StoredOnlyAsAHash_AndWorksUntilRevoked()
    {
        using var eve = await SignedInAsync("eve");
        using var made = await eve.PostAsJsonAsync("/api/tokens", new { name = "grading panel", expiresInDays = 7 });
        made.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await made.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("mam_");
        (await eve.GetStringAsync("/api/tokens")).ShouldNotContain(secret);
        await using (var db = await Catalog().CreateDbContextAsync())
        {
            (await db.AccessTokens.AnyAsync(t => t.SecretHash == secret)).ShouldBeFalse("only the hash is kept");
        }

        using var panel = _api.WithToken(secret);
        (await panel.GetAsync($"/api/assets/{_alphaClip}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await eve.DeleteAsync($"/api/tokens/{created.GetProperty("token").GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var refused = await panel.GetAsync($"/api/assets/{_alphaClip}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("The access token 'grading panel' was revoked.");
    }

    [Test]
    public async Task AnExpiredToken_IsRefusedSayingWhen()
    {
        var secret = await TokenAsync("eve", "old script", null, null);
        await using (var db = await Catalog().CreateDbContextAsync())
        {
            await db.AccessTokens.Where(t => t.Name == "old script").ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, new DateTime(2026, 1, 2, 3, 4, 0, DateTimeKind.Utc)));
        }
        using var script = _api.WithToken(secret);
        using var response = await script.GetAsync("/api/assets");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The access token 'old script' expired on 2026-01-02 03:04 UTC.");
    }

    [Test]
    public async Task ATokenForAnotherProject_SeesNothingOfThisOne()
    {
        var secret = await TokenAsync("eve", "beta only", Beta, null);
        using var client = _api.WithToken(secret);
        (await client.GetAsync($"/api/assets/{_alphaClip}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var search = await client.GetFromJsonAsync<JsonElement>("/api/search?q=harbour");
        search.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("project").GetString()).ShouldBe([Beta]);
        var facets = search.GetProperty("facets").GetProperty("project").EnumerateArray().Select(v => v.GetProperty("value").GetString());
        facets.ShouldBe([Beta], "the facets do not count another project's clips either");
    }

    [Test]
    public async Task ATokenNarrowedToViewer_CannotRerunThoughItsPersonIsAnEditor_AndNothingIsRecorded()
    {
        var secret = await TokenAsync("eve", "viewer only", Alpha, ProjectRole.Viewer);
        using var client = _api.WithToken(secret);
        (await client.GetAsync($"/api/assets/{_alphaClip}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var rerun = await client.PostAsJsonAsync("/api/pipeline/reruns", new { asset = _alphaClip, stages = new[] { "index" }, reason = "try" });

        rerun.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await rerun.Content.ReadAsStringAsync()).ShouldContain("urn:mam:problem:right-missing");
        await using var db = await Catalog().CreateDbContextAsync();
        (await db.PipelineOperations.CountAsync(o => o.AssetId == _alphaClip)).ShouldBe(0);
    }

    [Test]
    public async Task ATokenOfSomeoneRemovedFromTheProject_StopsAtOnce()
    {
        await _api.AddPersonAsync("fred", false, (Alpha, ProjectRole.Viewer));
        var secret = await TokenAsync("fred", "fred's script", null, null);
        using var client = _api.WithToken(secret);
        (await client.GetAsync($"/api/assets/{_alphaClip}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var admin = _api.CreateWriter();
        (await admin.DeleteAsync($"/api/projects/{Uri.EscapeDataString(Alpha)}/members/fred")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Fred is on no project now: refused before the clip is even looked up.
        (await client.GetAsync($"/api/assets/{_alphaClip}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AMediaLink_OpensItsOneFileWithoutSigningIn_AndNoOtherPathOrFile()
    {
        var person = await _api.AddPersonAsync("eve");
        var links = _api.Services.GetRequiredService<MediaLinks>();
        var (poster, _) = links.Create(person, $"/api/assets/{_alphaClip}/transcript", TimeSpan.FromMinutes(5));
        using var player = _api.CreateAnonymous();

        (await player.GetAsync(poster)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var code = poster[(poster.IndexOf('=', StringComparison.Ordinal) + 1)..];
        using var elsewhere = await player.GetAsync($"/api/assets/{_alphaClip}/transcript.vtt?link={code}");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await elsewhere.Content.ReadAsStringAsync()).ShouldContain("This media link is for another file");
        (await player.GetAsync($"/api/search?q=harbour&link={code}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a link is never a session");
        (await player.GetAsync(poster.Replace(_alphaClip.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AMediaLink_ReplayedAfterItExpired_IsRefusedSayingSo()
    {
        var person = await _api.AddPersonAsync("eve");
        var (url, _) = _api.Services.GetRequiredService<MediaLinks>().Create(person, $"/api/assets/{_alphaClip}/transcript", TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        using var player = _api.CreateAnonymous();
        using var response = await player.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("expired");
    }

    [Test]
    public async Task MediaLinks_FromTheApi_AreForTheClipsRenditionsAndRefusedForAnotherProjectsClip()
    {
        await _api.AddPersonAsync("gina", false, (Beta, ProjectRole.Viewer));
        using var gina = _api.WithToken(await TokenAsync("gina", "player", null, null));
        (await gina.GetAsync($"/api/assets/{_alphaClip}/links")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var admin = _api.CreateWriter();
        var links = await admin.GetFromJsonAsync<JsonElement>($"/api/assets/{_alphaClip}/links?minutes=10");
        links.GetProperty("links").EnumerateObject().ShouldBeEmpty("the catalogued clip has no renditions yet");
        (await admin.GetAsync($"/api/assets/{_alphaClip}/links?minutes=5000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private IDbContextFactory<CatalogDbContext> Catalog() => _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();

    private async Task<string> TokenAsync(string person, string name, string? project, ProjectRole? role)
    {
        var id = await _api.AddPersonAsync(person);
        Guid? projectId = null;
        if (project is not null)
        {
            await using var db = await Catalog().CreateDbContextAsync();
            projectId = await db.Projects.Where(p => p.Name == project).Select(p => p.Id).SingleAsync();
        }
        var (_, secret) = await _api.Services.GetRequiredService<Mam.Api.Security.Tokens.AccessTokens>().CreateAsync(id, name, projectId, role, TimeSpan.FromDays(1), CancellationToken.None);
        return secret;
    }

    private async Task<HttpClient> SignedInAsync(string person)
    {
        var browser = _api.CreateClient();
        (await SignInForm.PostAsync(browser, person, MamApiFactory.PasswordOf(person))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return browser;
    }
}
