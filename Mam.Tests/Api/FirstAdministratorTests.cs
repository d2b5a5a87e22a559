using System.Net;
using System.Text.RegularExpressions;
using Mam.Api.Security.SignIn;
using Mam.Tests.Agent;
using Mam.Tests.Support;
using Mam.Tests.Telemetry;

namespace Mam.Tests.Api;

/// <summary>A server started on an empty catalog, as an operator meets it: an administrator, a
/// one-time sign-in link in the log, and a token for the agent in the data folder — the token in no
/// log and no collector.</summary>
[TestFixture]
public sealed partial class FirstAdministratorTests : TempFolderTest
{
    [Test]
    public async Task FirstStart_PrintsAOneTimeLinkAndWhereTheTokenIs_NeverTheTokenItself()
    {
        await using var collector = await OtlpCollectorStandIn.StartAsync();
        var data = Temp.Combine("data");
        var tokenFile = FirstAdministrator.TokenPath(data);
        var baseUri = new Uri($"http://127.0.0.1:{RestartableApi.FreePort()}");
        using var api = new WorkerProcess(new Dictionary<string, string>
        {
            ["Urls"] = baseUri.ToString().TrimEnd('/'),
            ["Mam:DataDirectory"] = data,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        }, "Mam.Api");
        using (var anonymous = new HttpClient { BaseAddress = baseUri })
        {
            await ApiProcessTelemetryTests.WaitUntilReadyAsync(api, anonymous);
            await collector.WaitForAsync(() => collector.Received("/v1/logs", tokenFile), TimeSpan.FromSeconds(30));
            var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
            token.ShouldStartWith("mam_");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(tokenFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            (await anonymous.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            using var admin = new HttpClient { BaseAddress = baseUri };
            admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
            (await admin.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);

            // The printed link signs in once, and lands on the page where a password is chosen.
            var link = Link().Match(api.Output);
            link.Success.ShouldBeTrue(api.Output);
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseUri };
            var first = await browser.GetAsync(new Uri(link.Value));
            first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            first.Headers.Location!.ToString().ShouldBe(AccountEndpoints.Path);
            (await browser.GetStringAsync(AccountEndpoints.Path)).ShouldContain("Choose a password");
            using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };
            var again = await other.GetAsync(new Uri(link.Value));
            again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await again.Content.ReadAsStringAsync()).ShouldContain("does not work");

            await api.StopGracefullyAsync(TimeSpan.FromSeconds(60));
            api.Output.ShouldContain($"An administrator token for the agent and scripts on this machine is in {tokenFile} (mode 0600)");
            api.Output.ShouldNotContain(token, Case.Sensitive, "anyone who reads the log could act as the administrator");
            foreach (var signal in new[] { "/v1/logs", "/v1/traces", "/v1/metrics" })
            {
                collector.Received(signal, token).ShouldBeFalse($"nor may anyone who reads the collector ({signal})");
            }
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/signin/link\?code=[0-9a-f]{48}")]
    private static partial Regex Link();
}
