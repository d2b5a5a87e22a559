using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hangfire.Storage;
using Mam.Api.Security;
using Mam.Tests.Support;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api;

/// <summary>The Hangfire dashboard at /jobs on the embedded defaults (SQLite jobs.db): open to look
/// at, its commands (trigger, delete, retry...) only for a caller with the API key.</summary>
[TestFixture]
public sealed partial class JobsDashboardTests
{
    [Test]
    public async Task Dashboard_WithoutTheKey_ShowsTheJobsButRefusesEveryCommand()
    {
        await using var api = new MamApiFactory();
        using var browser = api.CreateReader();
        await WaitForRecurringJobAsync(api);

        var home = await browser.GetAsync("/jobs");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("MAM jobs");
        var page = await browser.GetStringAsync("/jobs/recurring");
        page.ShouldContain(PipelineReconcilerJob.Id);
        page.ShouldNotContain("recurring/trigger", Case.Insensitive, "a read-only dashboard shows no buttons");

        // Even with the page's own antiforgery token, so it is the missing right that refuses them.
        foreach (var command in new[] { "/jobs/recurring/trigger", "/jobs/recurring/remove" })
        {
            using var response = await browser.SendAsync(Command(command, page, PipelineReconcilerJob.Id));
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, command);
        }
        using var wrongKey = Command("/jobs/recurring/remove", page, PipelineReconcilerJob.Id);
        wrongKey.Headers.Add(RequireApiKeyFilter.Header, "not-the-key");
        (await browser.SendAsync(wrongKey)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        RecurringJobIds(api).ShouldContain(PipelineReconcilerJob.Id);
    }

    [Test]
    public async Task Dashboard_AfterSigningInWithTheKey_ShowsTheButtonsAndRunsTheCommands_UntilSignedOut()
    {
        await using var api = new MamApiFactory();
        using var browser = api.CreateReader();
        await WaitForRecurringJobAsync(api);

        var signIn = await browser.SendAsync(SignInForm(await browser.GetStringAsync("/jobs/login"), api.ApiKey));
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        signIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/jobs", "signing in leads to the dashboard");

        var page = await browser.GetStringAsync("/jobs/recurring");
        page.ShouldContain("recurring/trigger");
        (await browser.SendAsync(Command("/jobs/recurring/trigger", page, PipelineReconcilerJob.Id))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.SendAsync(Command("/jobs/recurring/remove", page, PipelineReconcilerJob.Id))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        RecurringJobIds(api).ShouldNotContain(PipelineReconcilerJob.Id);

        (await browser.PostAsync("/jobs/logout", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetStringAsync("/jobs/recurring")).ShouldNotContain("recurring/trigger");
    }

    [Test]
    public async Task Dashboard_WithTheKeyHeader_RunsCommandsForScriptsWithoutAForm()
    {
        await using var api = new MamApiFactory();
        using var script = api.CreateWriter();
        await WaitForRecurringJobAsync(api);

        using var remove = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/remove")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", PipelineReconcilerJob.Id)]),
        };
        (await script.SendAsync(remove)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        RecurringJobIds(api).ShouldNotContain(PipelineReconcilerJob.Id);
    }

    [Test]
    public async Task Dashboard_SignedInButACommandWithoutTheAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        await using var api = new MamApiFactory();
        using var browser = api.CreateReader();
        await WaitForRecurringJobAsync(api);
        (await browser.SendAsync(SignInForm(await browser.GetStringAsync("/jobs/login"), api.ApiKey))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await browser.GetStringAsync("/jobs/recurring");

        // What a page on another site could make a signed-in browser send: the cookie rides along
        // (were SameSite not honoured), the page's token cannot.
        using (var forged = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/remove")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", PipelineReconcilerJob.Id)]),
        })
        {
            (await browser.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        RecurringJobIds(api).ShouldContain(PipelineReconcilerJob.Id);

        // The same command with the page's token runs: it was the token that was missing, not the right.
        (await browser.SendAsync(Command("/jobs/recurring/remove", page, PipelineReconcilerJob.Id))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        RecurringJobIds(api).ShouldNotContain(PipelineReconcilerJob.Id);
    }

    [Test]
    public async Task Dashboard_WithAForgedSignInCookie_FutureExpiryButWrongSignature_GrantsNothing()
    {
        await using var api = new MamApiFactory();
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        await WaitForRecurringJobAsync(api);
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // Signed as the server signs, but with a key that is not the server's.
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("not-the-servers-key"), Encoding.UTF8.GetBytes($"mam-admin|{expires}")));
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/jobs/recurring");
        pageRequest.Headers.Add("Cookie", $"{AdminRight.CookieName}={expires}.{signature}");
        using var pageResponse = await browser.SendAsync(pageRequest);
        var page = await pageResponse.Content.ReadAsStringAsync();
        page.ShouldNotContain("recurring/trigger", Case.Insensitive, "a forged cookie shows no buttons");
        var antiforgeryCookie = pageResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];

        // With the page's valid antiforgery token, so it is the signature alone that refuses it.
        using var remove = Command("/jobs/recurring/remove", page, PipelineReconcilerJob.Id);
        remove.Headers.Add("Cookie", $"{antiforgeryCookie}; {AdminRight.CookieName}={expires}.{signature}");
        (await browser.SendAsync(remove)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        RecurringJobIds(api).ShouldContain(PipelineReconcilerJob.Id);
    }

    [Test]
    public async Task SignIn_WithAWrongKey_SaysSoAndGrantsNothing()
    {
        await using var api = new MamApiFactory();
        using var browser = api.CreateReader();
        await WaitForRecurringJobAsync(api);

        var response = await browser.SendAsync(SignInForm(await browser.GetStringAsync("/jobs/login"), "0123456789abcdef"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("not this server's API key");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith(AdminRight.CookieName + "=", StringComparison.Ordinal));
        var page = await browser.GetStringAsync("/jobs/recurring");
        (await browser.SendAsync(Command("/jobs/recurring/remove", page, PipelineReconcilerJob.Id))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    internal static async Task WaitForRecurringJobAsync(MamApiFactory api, string id = PipelineReconcilerJob.Id)
    {
        await api.Services.GetRequiredService<JobStore>().PrepareAsync(CancellationToken.None);
        for (var i = 0; i < 300 && !RecurringJobIds(api).Contains(id); i++)
        {
            await Task.Delay(100);
        }
        RecurringJobIds(api).ShouldContain(id, "the job server registers its recurring jobs at start");
    }

    internal static List<string> RecurringJobIds(MamApiFactory api)
    {
        using var connection = api.Services.GetRequiredService<JobStore>().Storage.GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    /// <summary>A dashboard command as the dashboard's own script sends it: the selected rows as
    /// jobs[] and the page's antiforgery token in the header the page names.</summary>
    private static HttpRequestMessage Command(string path, string page, string jobId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("jobs[]", jobId)]) };
        request.Headers.Add(Meta(page, "csrf-header"), Meta(page, "csrf-token"));
        return request;
    }

    internal static HttpRequestMessage SignInForm(string form, string key)
    {
        var token = HiddenField().Match(form);
        token.Success.ShouldBeTrue(form);
        return new HttpRequestMessage(HttpMethod.Post, "/jobs/login")
        {
            Content = new FormUrlEncodedContent([new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), new("key", key)]),
        };
    }

    private static string Meta(string page, string name)
    {
        var match = Regex.Match(page, $"<meta name=\"{name}\" content=\"([^\"]+)\">");
        match.Success.ShouldBeTrue($"the dashboard page names its {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenField();
}
