using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Mam.Tests.Web.Browser;

/// <summary>A guest without an account opens a share link in a fresh browser: types the password, a
/// name with markup in it and an e-mail, watches the proxy, comments on a frame and sees the comment,
/// with the name shown as typed. Then the link is withdrawn and the open page stops at its next call.</summary>
[TestFixture]
[Category("Browser")]
public sealed class SharePageTests
{
    private const string Name = "<b>Robin</b> Client";
    private const string Password = "harbour lights 42";

    [Test]
    public async Task AGuest_OpensTheLinkWithThePassword_CommentsOnAFrame_AndSeesIt()
    {
        var made = await EditorPagesSession.Api.PostAsJsonAsync($"/api/projects/{Uri.EscapeDataString(EditorPagesSession.Project)}/shares",
            new { recipientName = "Robin", recipientEmail = "robin@agency.example", clips = new[] { EditorPagesSession.AssetId }, rights = new[] { "comment" }, password = Password });
        var share = await made.Content.ReadFromJsonAsync<JsonElement>();
        var url = share.GetProperty("url").GetString()!;
        var problems = new List<string>();
        // A context of its own: nobody signed in, no cookies.
        await using var context = await EditorPagesSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = EditorPagesSession.BaseUri.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.PageError += (_, error) => problems.Add("uncaught: " + error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add("CSP: " + message.Text);
            }
        };

        await page.GotoAsync(url);
        await page.Locator("#password").WaitForAsync();
        await page.FillAsync("#password", Password);
        await page.FillAsync("#name", Name);
        await page.FillAsync("#email", "robin@agency.example");
        await page.ClickAsync("#door button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('player').readyState >= 2");
        await page.EvaluateAsync("() => { const p = document.getElementById('player'); p.currentTime = 2; }");
        await page.WaitForFunctionAsync("() => !document.getElementById('player').seeking && document.getElementById('player').currentTime > 1.9");
        await page.FillAsync("#comment-text", "Logo too early here");
        await page.ClickAsync("#comment-form button[type=submit]");
        var item = page.Locator("#comments li", new() { HasTextString = "Logo too early here" });
        await item.WaitForAsync();

        (await item.Locator(".comment-author").InnerTextAsync()).ShouldBe(Name + " (guest)", "the name is shown as typed, not as markup");
        (await page.Locator("#comments b").CountAsync()).ShouldBe(0);
        var comments = await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{EditorPagesSession.AssetId}/comments");
        var saved = comments.EnumerateArray().Single(c => c.GetProperty("text").GetString() == "Logo too early here");
        saved.GetProperty("author").GetString().ShouldBe(Name + " (guest)");
        saved.GetProperty("start").GetDouble().ShouldBe(2.0, 0.05, "on the frame the player showed");
        (await item.Locator(".timecode").InnerTextAsync()).ShouldBe(saved.GetProperty("timecodeIn").GetString());
        await ScreenshotAsync(page, "share-page-guest-comment");

        (await EditorPagesSession.Api.DeleteAsync($"/api/projects/{Uri.EscapeDataString(EditorPagesSession.Project)}/shares/{share.GetProperty("id").GetGuid()}"))
            .EnsureSuccessStatusCode();
        await page.FillAsync("#comment-text", "one more");
        await page.ClickAsync("#comment-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('withdrew this link')");
        (await page.Locator("#review").IsHiddenAsync()).ShouldBeTrue("a withdrawn link shows no more footage");
        problems.ShouldBeEmpty();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(EditorPagesSession.WorkFolder, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        // Kept with the test results (the trx logger copies attachments), for a human to look at.
        TestContext.AddTestAttachment(path, name);
    }
}
