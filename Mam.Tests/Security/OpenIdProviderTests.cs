using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Mam.Tests.Security;

/// <summary>The OpenID provider that the single sign-on tests sign in at: it runs, publishes what a
/// relying party needs to trust it, and can be driven through its sign-in page without a browser.</summary>
[TestFixture]
public sealed class OpenIdProviderTests
{
    [SetUp]
    public void RequireProvider() => OpenIdTestProvider.Require();

    [Test]
    public async Task Discovery_NamesItsIssuer_OffersCodeWithPkce_AndServesItsSigningKey()
    {
        using var http = new HttpClient { BaseAddress = OpenIdTestProvider.Authority };
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)));
        var root = discovery.RootElement;

        root.GetProperty("issuer").GetString().ShouldBe(OpenIdTestProvider.Authority.ToString().TrimEnd('/'));
        Strings(root, "response_types_supported").ShouldContain("code");
        Strings(root, "code_challenge_methods_supported").ShouldContain("S256");
        Strings(root, "scopes_supported").ShouldContain("groups");
        Strings(root, "claims_supported").ShouldContain("groups");

        using var keys = JsonDocument.Parse(await http.GetStringAsync(new Uri(root.GetProperty("jwks_uri").GetString()!)));
        var key = keys.RootElement.GetProperty("keys").EnumerateArray().ShouldHaveSingleItem();
        key.GetProperty("kty").GetString().ShouldBe("RSA");
        key.GetProperty("use").GetString().ShouldBe("sig");
        key.TryGetProperty("d", out _).ShouldBeFalse("the private part of the key stays at the provider");
    }

    [Test]
    public async Task SignIn_ThroughTheLoginForm_GivesTheClientAnIdTokenWithThePersonsGroups()
    {
        using var browser = new ProviderBrowser();
        var request = OtherApplicationTokens.NewRequest(nonce: "n-1");

        var back = await browser.SignInAsync(request.Address, "alice", OpenIdTestProvider.PasswordOf("alice"), CancellationToken.None);

        back.GetLeftPart(UriPartial.Path).ShouldBe(OtherApplicationTokens.RedirectUri.ToString());
        var answer = QueryHelpers.ParseQuery(back.Query);
        answer["state"].ToString().ShouldBe(request.State);
        var claims = OtherApplicationTokens.ClaimsOf(await OtherApplicationTokens.RedeemAsync(answer["code"].ToString(), request, CancellationToken.None));
        claims.GetProperty("nonce").GetString().ShouldBe("n-1");
        claims.GetProperty("aud").GetString().ShouldBe(OpenIdTestProvider.OtherClientId);
        claims.GetProperty("preferred_username").GetString().ShouldBe("alice");
        Strings(claims, "groups").ShouldBe(["mam-admins"]);
    }

    [Test]
    public async Task SignIn_WithAWrongPassword_ShowsTheFormAgainWithAMessage_AndGivesNoCode()
    {
        using var browser = new ProviderBrowser();
        var request = OtherApplicationTokens.NewRequest(nonce: "n-2");

        var (status, html) = await browser.TryPasswordAsync(request.Address, "alice", "not-her-password", CancellationToken.None);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        html.ShouldContain("Wrong login or password.");
        html.ShouldContain("name=\"password\"");
    }

    private static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(item => item.GetString()!)];
}
