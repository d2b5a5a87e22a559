using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Mam.Tests.Support;

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

    /// <summary>A provider of the test's own on <paramref name="port"/> (same clients and accounts),
    /// which the test may stop and start again; the shared one stays up for everyone else. Its
    /// signing key is kept in <paramref name="keyFile"/>, so a restart keeps it, as a real provider does.</summary>
    public static async Task<PrivateProvider> StartPrivateAsync(int port, string keyFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestMedia.FindRepoRoot(), "infra", "servers", "oidc", "server.js"));
        start.Environment["OIDC_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        start.Environment["OIDC_OTHER_SECRET"] = OtherClientSecret;
        start.Environment["OIDC_CONTROL_SECRET"] = Variable("MAM_TEST_OIDC_CONTROL_SECRET");
        start.Environment["OIDC_KEY_FILE"] = keyFile;
        var process = Process.Start(start)!;
        // Drained so the provider never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new PrivateProvider(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 150 && !process.HasExited; attempt++)
        {
            try
            {
                using var discovery = await http.GetAsync(new Uri(provider.Authority, "/.well-known/openid-configuration"), cancellationToken);
                if (discovery.IsSuccessStatusCode)
                {
                    return provider;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, cancellationToken);
        }
        provider.Dispose();
        throw new InvalidOperationException($"the private OpenID provider on port {port} did not start");
    }

    /// <summary>A provider process the test started; disposing stops it.</summary>
    public sealed class PrivateProvider(Process process, Uri authority) : IDisposable
    {
        public Uri Authority { get; } = authority;

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            process.Dispose();
        }
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set; run infra/servers/start.sh");
}
