using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Mam.Tests.Security;

/// <summary>Tokens the test provider issues to "other-app", another application at the same
/// provider: genuine, signed, for a real person — and with an audience that is not the MAM.</summary>
internal static class OtherApplicationTokens
{
    public static readonly Uri RedirectUri = new("http://127.0.0.1:5999/signin-oidc");

    /// <summary>An authorisation request as a relying party makes it: code flow with PKCE (S256).</summary>
    public sealed record AuthorizationRequest(Uri Address, string State, string Verifier);

    public static AuthorizationRequest NewRequest(string nonce)
    {
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var state = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var challenge = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var address = QueryHelpers.AddQueryString(new Uri(OpenIdTestProvider.Authority, "/auth").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = OpenIdTestProvider.OtherClientId,
            ["response_type"] = "code",
            ["scope"] = "openid profile groups",
            ["redirect_uri"] = RedirectUri.ToString(),
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return new AuthorizationRequest(new Uri(address), state, verifier);
    }

    /// <summary>Signs <paramref name="login"/> in to the other application and returns its ID token.</summary>
    public static async Task<string> IdTokenAsync(string login, string nonce, CancellationToken cancellationToken)
    {
        using var browser = new ProviderBrowser();
        var request = NewRequest(nonce);
        var back = await browser.SignInAsync(request.Address, login, OpenIdTestProvider.PasswordOf(login), cancellationToken);
        return await RedeemAsync(QueryHelpers.ParseQuery(back.Query)["code"].ToString(), request, cancellationToken);
    }

    /// <summary>The other application's token request (its own secret, the PKCE verifier).</summary>
    public static async Task<string> RedeemAsync(string code, AuthorizationRequest request, CancellationToken cancellationToken)
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
        using var response = await http.PostAsync(new Uri("/token", UriKind.Relative), form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var tokens = JsonDocument.Parse(body);
        return tokens.RootElement.GetProperty("id_token").GetString()!;
    }

    /// <summary>The claims of a JWT, unverified (the test reads what the provider wrote).</summary>
    public static JsonElement ClaimsOf(string jwt)
    {
        using var claims = JsonDocument.Parse(Base64UrlTextEncoder.Decode(jwt.Split('.')[1]));
        return claims.RootElement.Clone();
    }
}
