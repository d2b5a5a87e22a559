using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Mam.Tests.Security;

/// <summary>The OpenID provider that the single sign-on tests sign in at: it runs, publishes what a
/// relying party needs to trust it, and can be driven through its sign-in page without a browser.</summary>
[TestFixture]
public sealed class OpenIdProviderTests
{
    private static readonly Uri RedirectUri = new("http://127.0.0.1:5999/signin-oidc");

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
        var request = AuthorizationRequest.For(OpenIdTestProvider.OtherClientId);

        var back = await browser.SignInAsync(request.Address, "alice", OpenIdTestProvider.PasswordOf("alice"), CancellationToken.None);

        back.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri.ToString());
        var answer = QueryHelpers.ParseQuery(back.Query);
        answer["state"].ToString().ShouldBe(request.State);
        var claims = await RedeemAsync(answer["code"].ToString(), request);
        claims.GetProperty("aud").GetString().ShouldBe(OpenIdTestProvider.OtherClientId);
        claims.GetProperty("preferred_username").GetString().ShouldBe("alice");
        Strings(claims, "groups").ShouldBe(["mam-admins"]);
    }

    [Test]
    public async Task SignIn_WithAWrongPassword_ShowsTheFormAgainWithAMessage_AndGivesNoCode()
    {
        using var browser = new ProviderBrowser();
        var request = AuthorizationRequest.For(OpenIdTestProvider.OtherClientId);

        var (status, html) = await browser.TryPasswordAsync(request.Address, "alice", "not-her-password", CancellationToken.None);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        html.ShouldContain("Wrong login or password.");
        html.ShouldContain("name=\"password\"");
    }

    private static async Task<JsonElement> RedeemAsync(string code, AuthorizationRequest request)
    {
        using var http = new HttpClient { BaseAddress = OpenIdTestProvider.Authority };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.ToString(),
            ["client_id"] = OpenIdTestProvider.OtherClientId,
            ["client_secret"] = OpenIdTestProvider.OtherClientSecret,
            ["code_verifier"] = request.Verifier,
        });
        using var response = await http.PostAsync(new Uri("/token", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var tokens = JsonDocument.Parse(body);
        var payload = tokens.RootElement.GetProperty("id_token").GetString()!.Split('.')[1];
        using var claims = JsonDocument.Parse(Base64UrlTextEncoder.Decode(payload));
        return claims.RootElement.Clone();
    }

    private static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(item => item.GetString()!)];

    /// <summary>An authorisation request as a relying party makes it: code flow with PKCE (S256).</summary>
    private sealed record AuthorizationRequest(Uri Address, string State, string Verifier)
    {
        public static AuthorizationRequest For(string clientId)
        {
            var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            var state = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16));
            var challenge = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            var address = QueryHelpers.AddQueryString(new Uri(OpenIdTestProvider.Authority, "/auth").ToString(), new Dictionary<string, string?>
            {
                ["client_id"] = clientId,
                ["response_type"] = "code",
                ["scope"] = "openid profile groups",
                ["redirect_uri"] = RedirectUri.ToString(),
                ["state"] = state,
                ["nonce"] = Guid.NewGuid().ToString("N"),
                ["code_challenge"] = challenge,
                ["code_challenge_method"] = "S256",
            });
            return new AuthorizationRequest(new Uri(address), state, verifier);
        }
    }
}
