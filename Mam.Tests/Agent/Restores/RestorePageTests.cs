using Mam.Tests.Support;
using Mam.Tests.Web.Browser;
using Microsoft.Playwright;

namespace Mam.Tests.Agent.Restores;

/// <summary>The archivist plans a restore on the web page, runs the command the page gives them, and
/// watches the page turn to done with every file verified — in Debian's chromium, signed in through the form.</summary>
[TestFixture]
[Category("Browser")]
public sealed class RestorePageTests() : TempFolderTest("restore-page")
{
    [Test]
    public async Task RestorePage_PlansACard_GivesTheAgentCommand_AndShowsTheResultsTheAgentReports()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: false);
        await bed.IngestAsync();
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            await using var context = await BrowserSignIn.NewContextAsync(browser, bed.BaseUri, "ada-archivist");
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(20_000);
            var problems = new List<string>();
            page.PageError += (_, error) => problems.Add("uncaught: " + error);
            page.Console += (_, message) => problems.AddRange(message.Text.Contains("Content Security Policy", StringComparison.Ordinal) ? ["CSP: " + message.Text] : []);

            await page.GotoAsync("/restores");
            await page.FillAsync("input[name=project]", RestoreTestBed.Project);
            await page.FillAsync("input[name=card]", RestoreTestBed.CardName);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/restores/*");

            var summary = page.Locator("#summary");
            await Assertions.Expect(summary).ToContainTextAsync("planned: 7 files");
            await Assertions.Expect(page.Locator("#files")).ToContainTextAsync("A001R1AB/Clips/A001C001_261121_R1AB.mov");
            var command = await page.Locator("#command").TextContentAsync();
            var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            command.ShouldBe($"ingest-agent restore --api {bed.BaseUri.ToString().TrimEnd('/')} --restore {id} --dest DIR");

            var result = await bed.RestoreAsync("--restore", id, "--dest", Temp.Combine("restored"));

            result.ExitCode.ShouldBe(0, result.ToString());
            await Assertions.Expect(summary).ToContainTextAsync("done: 7 files", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("#files .result-verified")).ToHaveCountAsync(7);
            problems.ShouldBeEmpty();
        }
    }
}
