using System.Net;
using System.Net.Http.Headers;
using Mam.Catalog;
using Mam.Tests.Agent;
using Mam.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Security;

/// <summary>What single sign-on refuses, and how the person is told: a provider that does not
/// answer, a token meant for another application, settings that cannot work.</summary>
[TestFixture]
public sealed class SingleSignOnRefusalTests
{
    [SetUp]
    public void RequireProvider() => OpenIdTestProvider.Require();

    [Test]
    public async Task ProviderDown_TheSignInPageSaysSingleSignOnIsUnavailable_AndPasswordsStillWork()
    {
        var nobody = new Uri($"http://127.0.0.1:{RestartableApi.FreePort()}");
        using var api = new MamApiFactory(settings: SingleSignOnTests.Settings(nobody));
        using var browser = SingleSignOnSession.NewBrowser(api);

        using var response = await browser.GetAsync(new Uri($"{SingleSignOnSession.StartPath}?returnUrl=%2Faccount", UriKind.Relative));

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, page);
        page.ShouldContain("Sign-in with Studio Login is unavailable right now: the provider did not answer. Sign in with your password, or try again later.");
        page.ShouldContain("name=\"password\"", customMessage: "the password form is on the same page");
        await api.AddPersonAsync("frank");
        using (var signedIn = await SignInForm.PostAsync(browser, "frank", MamApiFactory.PasswordOf("frank"), "/account"))
        {
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            signedIn.Headers.Location!.OriginalString.ShouldBe("/account");
        }
        (await SingleSignOnSession.AccountPageAsync(browser, CancellationToken.None)).ShouldContain("<code>frank</code>");
    }

    [Test]
    public async Task ProviderGoesDownAfterUse_SessionsCarryOn_NewSignInsAreToldWhy_AndWorkAgainOnceItIsBack()
    {
        var port = RestartableApi.FreePort();
        using var keys = new TempFolder("oidc-keys");
        var keyFile = Path.Combine(keys.Path, "signing-key.json");
        var provider = await OpenIdTestProvider.StartPrivateAsync(port, keyFile, CancellationToken.None);
        using var api = new MamApiFactory(settings: SingleSignOnTests.Settings(provider.Authority));
        await CatalogSeed.AddAssetWithPendingStagesAsync(api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>(), "Feature Film");
        using var before = await SingleSignOnSession.SignInAsync(api, "bob", CancellationToken.None);

        provider.Dispose();
        using var browser = SingleSignOnSession.NewBrowser(api);
        using var refused = await browser.GetAsync(new Uri($"{SingleSignOnSession.StartPath}?returnUrl=%2Faccount", UriKind.Relative));

        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, page);
        page.ShouldContain("Sign-in with Studio Login is unavailable right now");
        (await SingleSignOnSession.AccountPageAsync(before, CancellationToken.None)).ShouldContain("Bob Editor", customMessage: "a session made earlier does not need the provider");

        using var restarted = await OpenIdTestProvider.StartPrivateAsync(port, keyFile, CancellationToken.None);
        using var after = await SingleSignOnSession.SignInAsync(api, "bob", CancellationToken.None);
        (await SingleSignOnSession.AccountPageAsync(after, CancellationToken.None)).ShouldContain("Feature Film: editor");
    }

    [Test]
    public async Task AnIdTokenIssuedToAnotherApplication_IsRefused_AndNobodyIsSignedIn()
    {
        using var api = new MamApiFactory(settings: SingleSignOnTests.Settings(OpenIdTestProvider.Authority));
        using var mam = SingleSignOnSession.NewBrowser(api);
        var login = $"gina-{Guid.NewGuid():N}"[..20];
        await OpenIdTestProvider.PutAccountAsync(login, ["mam-admins"], CancellationToken.None);
        // The person signs in at the provider for the MAM; on the way back, someone swaps in a genuine
        // ID token of the same person, signed by the same provider, but issued to another
        // application (token substitution).
        using var start = await mam.GetAsync(new Uri($"{SingleSignOnSession.StartPath}?returnUrl=%2Faccount", UriKind.Relative));
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        using var provider = new ProviderBrowser();
        var back = QueryHelpers.ParseQuery((await provider.SignInAsync(start.Headers.Location!, login, OpenIdTestProvider.PasswordOf(login), CancellationToken.None)).Query);
        var idToken = await OtherApplicationTokens.IdTokenAsync(login, "another-nonce", CancellationToken.None);

        using var answer = await mam.PostAsync(new Uri("/signin-oidc", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["state"] = back["state"].ToString(),
            ["id_token"] = idToken,
        }));

        var page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, page);
        page.ShouldContain("Sign-in with Studio Login was refused: the provider's token was issued to another application, not to this server.");
        using var account = await mam.GetAsync(new Uri("/account", UriKind.Relative));
        account.StatusCode.ShouldBe(HttpStatusCode.Redirect, "not signed in");
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        (await db.UserLogins.AnyAsync(l => l.ProviderKey == $"sub-{login}")).ShouldBeFalse("nobody was created for the refused token");
        using var administrator = api.CreateWriter();
        var refused = await Api.Audit.AuditedClips.WaitForOneAsync(administrator, "action=sign-in-failed", _ => true);
        (refused.GetProperty("result").GetString(), refused.GetProperty("status").GetInt32()).ShouldBe(("refused", 401));
        refused.GetProperty("detail").GetString()!.ShouldContain("issued to another application");
    }

    [Test]
    public async Task TheProvidersTokens_AreNoCredentialForTheApi()
    {
        using var api = new MamApiFactory(settings: SingleSignOnTests.Settings(OpenIdTestProvider.Authority));
        using var client = api.CreateAnonymous();
        var idToken = await OtherApplicationTokens.IdTokenAsync("alice", "n-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", idToken);

        using var response = await client.GetAsync(new Uri("/api/assets", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [TestCase("Authority", "http://idp.example.com/realms/studio", "must use https")]
    [TestCase("GroupRoles:mam-admins", "Feature Film:director", "'director' is not a role")]
    [TestCase("GroupRoles:mam-admins", "editor", "names no project")]
    [TestCase("ClientSecret", "", "ClientSecret is required")]
    public void SettingsThatCannotWork_StopTheServerAtStart_WithTheReason(string key, string value, string reason)
    {
        var settings = SingleSignOnTests.Settings(OpenIdTestProvider.Authority);
        settings[$"Security:OpenIdConnect:{key}"] = value;
        using var api = new MamApiFactory(settings: settings);

        var refusal = Should.Throw<Exception>(() => api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>());

        refusal.ToString().ShouldContain(reason);
    }
}
