using System.Net.Http.Json;

namespace Mam.Tests.Security;

/// <summary>The real OpenID Connect provider that infra/servers/start.sh runs on loopback
/// (infra/servers/oidc/, npm oidc-provider), found through the MAM_TEST_OIDC_* variables it prints.
/// Its accounts: alice (groups mam-admins), bob (feature-film-editors), carol (no groups), each
/// with the password "LOGIN-password"; tests that change groups add a person of their own.</summary>
internal static class OpenIdTestProvider
{
    public static Uri Authority => new(Variable("MAM_TEST_OIDC_AUTHORITY"));
    public static string ClientId => Variable("MAM_TEST_OIDC_CLIENT_ID");
    public static string ClientSecret => Variable("MAM_TEST_OIDC_CLIENT_SECRET");

    /// <summary>Another application registered at the same provider: its ID tokens name it, not the
    /// MAM, as their audience.</summary>
    public static string OtherClientId => Variable("MAM_TEST_OIDC_OTHER_CLIENT_ID");
    public static string OtherClientSecret => Variable("MAM_TEST_OIDC_OTHER_CLIENT_SECRET");

    public static string PasswordOf(string login) => $"{login}-password";

    /// <summary>Skips the test when the provider was not started — except in CI, where that would
    /// hide a broken set-up, so it fails instead.</summary>
    public static void Require()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MAM_TEST_OIDC_AUTHORITY")))
        {
            return;
        }
        const string message = "The test OpenID provider is not running: start it with `eval \"$(bash infra/servers/start.sh)\"` (infra/test.sh does).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }
        Assert.Ignore(message);
    }

    /// <summary>Adds a person to the provider's directory, or changes their groups, as a directory
    /// administrator would between two sign-ins. Use a login of the test's own.</summary>
    public static async Task PutAccountAsync(string login, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Authority };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/test-control/accounts/{Uri.EscapeDataString(login)}")
        {
            Content = JsonContent.Create(new { password = PasswordOf(login), name = login, groups }),
        };
        request.Headers.Add("X-Test-Control-Secret", Variable("MAM_TEST_OIDC_CONTROL_SECRET"));
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set; run infra/servers/start.sh");
}
