using System.Net;
using System.Text.RegularExpressions;
using Hangfire.Storage;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api;

/// <summary>The Hangfire dashboard at /jobs on the embedded defaults (SQLite jobs.db): for server
/// administrators only — it shows every project's clips and can retry or delete jobs.</summary>
[TestFixture]
public sealed partial class JobsDashboardTests
{
    [Test]
    public async Task Dashboard_ForNobodyOrAProjectEditor_IsRefusedAndItsCommandsChangeNothing()
    {
        await using var api = new MamApiFactory();
        await WaitForRecurringJobAsync(api);
        using var nobody = api.CreateAnonymous();
        (await nobody.GetAsync("/jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var editor = api.WithToken(await api.PersonTokenAsync("ed", ("Feature Film", ProjectRole.Editor)));
        (await editor.GetAsync("/jobs/recurring")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        foreach (var client in new[] { nobody, editor })
        {
            using var remove = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/remove") { Content = new FormUrlEncodedContent([new("jobs[]", PipelineReconcilerJob.Id)]) };
            (await client.SendAsync(remove)).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        }
        RecurringJobIds(api).ShouldContain(PipelineReconcilerJob.Id);
    }

    [Test]
    public async Task Dashboard_AnAdministratorSignedInAtLogin_SeesTheButtonsAndRunsTheCommands_UntilSignedOut()
    {
        await using var api = new MamApiFactory();
        await api.AddPersonAsync("boss", administrator: true);
        using var browser = api.CreateClient();
        await WaitForRecurringJobAsync(api);

        var signIn = await SignInForm.PostAsync(browser, "boss", MamApiFactory.PasswordOf("boss"), "/jobs");
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        signIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/jobs", "signing in leads back to the page asked for");

        var page = await browser.GetStringAsync("/jobs/recurring");
        page.ShouldContain("recurring/trigger");
        (await browser.SendAsync(Command("/jobs/recurring/trigger", page, PipelineReconcilerJob.Id))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.SendAsync(Command("/jobs/recurring/remove", page, PipelineReconcilerJob.Id))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        RecurringJobIds(api).ShouldNotContain(PipelineReconcilerJob.Id);

        (await browser.PostAsync("/logout", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/jobs/recurring")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Dashboard_WithAnAdministratorsToken_RunsCommandsForScriptsWithoutAForm()
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
        await api.AddPersonAsync("boss", administrator: true);
        using var browser = api.CreateClient();
        await WaitForRecurringJobAsync(api);
        (await SignInForm.PostAsync(browser, "boss", MamApiFactory.PasswordOf("boss"), "/jobs")).StatusCode.ShouldBe(HttpStatusCode.OK);
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
    public async Task Dashboard_WithAForgedSessionCookie_GrantsNothing()
    {
        await using var api = new MamApiFactory();
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        await WaitForRecurringJobAsync(api);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/remove") { Content = new FormUrlEncodedContent([new("jobs[]", PipelineReconcilerJob.Id)]) };
        request.Headers.Add("Cookie", "mam-session=CfDJ8" + new string('A', 300));
        (await browser.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        RecurringJobIds(api).ShouldContain(PipelineReconcilerJob.Id);
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

    private static string Meta(string page, string name)
    {
        var match = Regex.Match(page, $"<meta name=\"{name}\" content=\"([^\"]+)\">");
        match.Success.ShouldBeTrue($"the dashboard page names its {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
