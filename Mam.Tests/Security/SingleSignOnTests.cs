using System.Net;
using System.Net.Http.Json;
using Mam.Api.Security.People;
using Mam.Catalog;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Security;

/// <summary>Single sign-on against the real OpenID provider on loopback (infra/servers/oidc): the
/// whole code flow with PKCE, people created from the provider's subject, and groups mapped to roles
/// at every sign-in.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SingleSignOnTests
{
    private const string FeatureFilm = "Feature Film";
    private const string Documentary = "Documentary";
    private MamApiFactory _api = null!;
    private Guid _featureFilmAsset;
    private Guid _documentaryAsset;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        OpenIdTestProvider.Require();
        _api = new MamApiFactory(settings: Settings(OpenIdTestProvider.Authority));
        var catalog = _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        _featureFilmAsset = await CatalogSeed.AddAssetWithPendingStagesAsync(catalog, FeatureFilm);
        _documentaryAsset = await CatalogSeed.AddAssetWithPendingStagesAsync(catalog, Documentary);
    }

    [OneTimeTearDown]
    public void StopApi() => _api?.Dispose();

    /// <summary>The settings a facility writes for its provider (README, "Security").</summary>
    internal static Dictionary<string, string> Settings(Uri authority) => new()
    {
        ["Security:OpenIdConnect:Authority"] = authority.ToString(),
        ["Security:OpenIdConnect:ClientId"] = OpenIdTestProvider.ClientId,
        ["Security:OpenIdConnect:ClientSecret"] = OpenIdTestProvider.ClientSecret,
        ["Security:OpenIdConnect:Scopes"] = "openid profile email groups",
        ["Security:OpenIdConnect:DisplayName"] = "Studio Login",
        ["Security:OpenIdConnect:GroupRoles:mam-admins"] = "administrator",
        ["Security:OpenIdConnect:GroupRoles:feature-film-editors"] = $"{FeatureFilm}:editor",
        ["Security:OpenIdConnect:GroupRoles:doc-viewers"] = $"{Documentary}:viewer",
    };

    [Test]
    public async Task LoginPage_OffersSignInWithTheConfiguredProvider()
    {
        using var browser = SingleSignOnSession.NewBrowser(_api);

        var page = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));

        page.ShouldContain("Sign in with Studio Login");
        page.ShouldContain($"href=\"{SingleSignOnSession.StartPath}?returnUrl=");
    }

    [Test]
    public async Task Alice_SignsInThroughTheWholeCodeFlow_AndIsAServerAdministrator()
    {
        using var alice = await SingleSignOnSession.SignInAsync(_api, "alice", CancellationToken.None);

        var account = await SingleSignOnSession.AccountPageAsync(alice, CancellationToken.None);
        account.ShouldContain("Alice Admin");
        account.ShouldContain("You are a server administrator");
        (await MeAsync(alice)).IsAdministrator.ShouldBeTrue();
        (await AssetsAsync(alice)).ShouldBe([_documentaryAsset, _featureFilmAsset], ignoreOrder: true);
        using var administrator = _api.CreateWriter();
        var signedIn = await Api.Audit.AuditedClips.WaitForOneAsync(administrator, "action=sign-in&person=Alice%20Admin", _ => true);
        (signedIn.GetProperty("detail").GetString(), signedIn.GetProperty("result").GetString()).ShouldBe(("single sign-on", "ok"), "the audit trail has it");
    }

    [Test]
    public async Task Bob_IsAnEditorOnFeatureFilmOnly()
    {
        using var bob = await SingleSignOnSession.SignInAsync(_api, "bob", CancellationToken.None);

        var account = await SingleSignOnSession.AccountPageAsync(bob, CancellationToken.None);
        account.ShouldContain($"{FeatureFilm}: editor");
        account.ShouldNotContain(Documentary);
        account.ShouldNotContain("server administrator");
        var me = await MeAsync(bob);
        me.IsAdministrator.ShouldBeFalse();
        me.Projects.Select(p => $"{p.Project}: {p.Role}").ShouldBe([$"{FeatureFilm}: editor"]);
        (await AssetsAsync(bob)).ShouldBe([_featureFilmAsset]);
        using var other = await bob.GetAsync(new Uri($"/api/assets/{_documentaryAsset}", UriKind.Relative));
        other.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Carol_SignsIn_ButSeesNoProjects()
    {
        using var carol = await SingleSignOnSession.SignInAsync(_api, "carol", CancellationToken.None);

        var account = await SingleSignOnSession.AccountPageAsync(carol, CancellationToken.None);
        account.ShouldContain("You belong to no project yet");
        (await MeAsync(carol)).Projects.ShouldBeEmpty();
        using var assets = await carol.GetAsync(new Uri("/api/assets", UriKind.Relative));
        assets.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no read right on any project");
    }

    [Test]
    public async Task LeavingAGroup_TakesItsRoleAwayAtTheNextSignIn_AndTheSecondSignInIsTheSamePerson()
    {
        var login = $"dana-{Guid.NewGuid():N}"[..20];
        await OpenIdTestProvider.PutAccountAsync(login, ["feature-film-editors", "mam-admins"], CancellationToken.None);
        using (var first = await SingleSignOnSession.SignInAsync(_api, login, CancellationToken.None))
        {
            (await SingleSignOnSession.AccountPageAsync(first, CancellationToken.None)).ShouldContain("You are a server administrator");
        }

        await OpenIdTestProvider.PutAccountAsync(login, ["doc-viewers"], CancellationToken.None);
        using var second = await SingleSignOnSession.SignInAsync(_api, login, CancellationToken.None);

        var account = await SingleSignOnSession.AccountPageAsync(second, CancellationToken.None);
        account.ShouldNotContain("server administrator");
        account.ShouldContain($"{Documentary}: viewer");
        account.ShouldNotContain(FeatureFilm);
        (await AssetsAsync(second)).ShouldBe([_documentaryAsset]);
        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        (await db.UserLogins.CountAsync(l => l.ProviderKey == $"sub-{login}")).ShouldBe(1, "one person, linked once, however often they sign in");
    }

    [Test]
    public async Task ALocalPersonWithTheSameName_IsNotTakenOverBySingleSignOn()
    {
        var login = $"erin-{Guid.NewGuid():N}"[..20];
        await _api.AddPersonAsync(login);
        await OpenIdTestProvider.PutAccountAsync(login, ["mam-admins"], CancellationToken.None);

        using var external = await SingleSignOnSession.SignInAsync(_api, login, CancellationToken.None);

        var account = await SingleSignOnSession.AccountPageAsync(external, CancellationToken.None);
        account.ShouldContain($"<code>{login}-2</code>", customMessage: "a person of its own, under a free name");
        using var local = SingleSignOnSession.NewBrowser(_api);
        using (var signedIn = await SignInForm.PostAsync(local, login, MamApiFactory.PasswordOf(login), "/account"))
        {
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await SingleSignOnSession.AccountPageAsync(local, CancellationToken.None)).ShouldNotContain("server administrator");
    }

    private static async Task<Guid[]> AssetsAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/assets", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<AssetPageView>();
        return [.. page!.Items.Select(i => i.Id)];
    }

    private static async Task<MeView> MeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<MeView>(new Uri("/api/me", UriKind.Relative)))!;

    private sealed record AssetPageView(int Total, IReadOnlyList<AssetItemView> Items);

    private sealed record AssetItemView(Guid Id);
}
