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
        (await item.Locator(".comment-tc").InnerTextAsync()).ShouldBe(saved.GetProperty("timecodeIn").GetString());
        await ScreenshotAsync(page, "share-page-guest-comment");

        (await EditorPagesSession.Api.DeleteAsync($"/api/projects/{Uri.EscapeDataString(EditorPagesSession.Project)}/shares/{share.GetProperty("id").GetGuid()}"))
            .EnsureSuccessStatusCode();
        await page.FillAsync("#comment-text", "one more");
        await page.ClickAsync("#comment-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('withdrew this link')");
        (await page.Locator("#review").IsHiddenAsync()).ShouldBeTrue("a withdrawn link shows no more footage");
        problems.ShouldBeEmpty();
    }

    [Test]
    public async Task AGuestWithCommentAndApprove_CommentsOnAnIoRange_DrawsARectangleSeenAfterReload_AndApprovesWithChanges()
    {
        const string Markup = "<img src=x onerror=alert(1)> logo on the sign";
        var clip = await EditorPagesSession.CopyOfTheClipAsync("Share review cut", EditorPagesSession.Project);
        var made = await EditorPagesSession.Api.PostAsJsonAsync($"/api/projects/{Uri.EscapeDataString(EditorPagesSession.Project)}/shares",
            new { recipientName = "Robin", recipientEmail = "robin@agency.example", clips = new[] { clip }, rights = new[] { "comment", "approve" } });
        made.IsSuccessStatusCode.ShouldBeTrue(await made.Content.ReadAsStringAsync());
        var url = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var problems = new List<string>();
        await using var context = await EditorPagesSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = EditorPagesSession.BaseUri.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.PageError += (_, error) => problems.Add("uncaught: " + error);
        page.Dialog += (_, dialog) => problems.Add("a dialog opened: " + dialog.Message);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add("CSP: " + message.Text);
            }
        };

        await page.GotoAsync(url);
        await page.FillAsync("#name", "Robin Client");
        await page.FillAsync("#email", "robin@agency.example");
        await page.ClickAsync("#door button[type=submit]");
        await WaitForFrameAsync(page, 2.0);
        await page.Locator("#player").BlurAsync();
        await page.Keyboard.PressAsync("i");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => !document.getElementById('player').seeking");
        await page.Keyboard.PressAsync("o");
        (await page.Locator("#comment-where").InnerTextAsync()).ShouldContain("–", Case.Sensitive, "I and O mark a range");

        await page.Keyboard.PressAsync("r");
        (await page.Locator("#draw-rectangle").GetAttributeAsync("aria-pressed")).ShouldBe("true");
        var box = (await page.Locator("#drawing").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.3f), box.Y + (box.Height * 0.2f));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.6f), box.Y + (box.Height * 0.7f), new() { Steps = 8 });
        await page.Mouse.UpAsync();
        (await page.Locator("#drawing rect.pending").CountAsync()).ShouldBe(1);
        await page.Keyboard.PressAsync("c");
        await page.Keyboard.TypeAsync("Sign is readable in this stretch");
        await page.ClickAsync("#comment-form button[type=submit]");
        var ranged = page.Locator("#comments li", new() { HasTextString = "Sign is readable in this stretch" });
        await ranged.WaitForAsync();

        var comments = await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{clip}/comments");
        var saved = comments.EnumerateArray().Single(c => c.GetProperty("text").GetString() == "Sign is readable in this stretch");
        saved.GetProperty("author").GetString().ShouldBe("Robin Client (guest)");
        saved.GetProperty("inFrame").GetInt64().ShouldBe(50);
        saved.GetProperty("outFrame").GetInt64().ShouldBe(52, "O was pressed two frames after I");
        (await ranged.Locator(".comment-tc").InnerTextAsync()).ShouldBe($"{saved.GetProperty("timecodeIn").GetString()}–{saved.GetProperty("timecodeOut").GetString()}");
        var corners = saved.GetProperty("drawing")[0].GetProperty("points").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        corners[0].Item1.ShouldBe(0.3, 0.02);
        corners[0].Item2.ShouldBe(0.2, 0.02);
        corners[1].Item1.ShouldBe(0.6, 0.02);
        corners[1].Item2.ShouldBe(0.7, 0.02);

        await page.FillAsync("#comment-text", Markup);
        await page.ClickAsync("#comment-form button[type=submit]");
        var marked = page.Locator("#comments li", new() { HasTextString = "logo on the sign" });
        await marked.WaitForAsync();
        (await marked.Locator(".comment-text").InnerTextAsync()).ShouldBe(Markup, "a guest's text shows as typed, not as markup");
        (await page.Locator("#comments img").CountAsync()).ShouldBe(0);
        (await page.Locator("#comments .comment-resolve").CountAsync()).ShouldBe(0, "resolving is the team's");

        // The guest answers their own thread from the page: the reply lands under it, on its frames.
        await ranged.Locator(".comment-reply").ClickAsync();
        (await page.Locator("#comment-where").InnerTextAsync()).ShouldStartWith("Reply to Robin Client (guest) at ");
        await page.Keyboard.TypeAsync("Same on the second sign");
        await page.ClickAsync("#comment-form button[type=submit]");
        await page.Locator("#comments li.reply", new() { HasTextString = "Same on the second sign" }).WaitForAsync();
        var reply = (await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{clip}/comments")).EnumerateArray()
            .Single(c => c.GetProperty("text").GetString() == "Same on the second sign");
        reply.GetProperty("replyTo").GetGuid().ShouldBe(saved.GetProperty("id").GetGuid());
        (reply.GetProperty("inFrame").GetInt64(), reply.GetProperty("outFrame").GetInt64()).ShouldBe((50L, 52L), "a reply is on its thread's frames");
        (await page.Locator("#comment-where").InnerTextAsync()).ShouldNotStartWith("Reply to", customMessage: "the form comments on the playhead again");

        await page.ReloadAsync();
        await WaitForFrameAsync(page, 2.0);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#drawing rect.saved').length === 1");
        var rect = page.Locator("#drawing rect.saved");
        Number(await rect.GetAttributeAsync("x")).ShouldBe(0.3, 0.02);
        Number(await rect.GetAttributeAsync("y")).ShouldBe(0.2, 0.02);
        Number(await rect.GetAttributeAsync("width")).ShouldBe(0.3, 0.03);
        Number(await rect.GetAttributeAsync("height")).ShouldBe(0.5, 0.03);
        (await page.Locator("#comments li.current", new() { HasTextString = "Sign is readable in this stretch" }).CountAsync()).ShouldBe(1, "the list marks the comment the playhead is in");

        await page.CheckAsync("#approval input[value=approved-with-changes]");
        await page.ClickAsync("#approval button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelector('#approval .approve-error').textContent.length > 0");
        (await page.Locator("#approval .approve-error").InnerTextAsync()).ShouldBe("Say what has to change: a note is needed to approve with changes or to reject.");
        (await page.Locator("#approval .approval").CountAsync()).ShouldBe(0);
        await page.FillAsync("#approve-note", "Hold the sign two seconds longer");
        await page.ClickAsync("#approval button[type=submit]");
        var decision = page.Locator("#approval .approval");
        await decision.WaitForAsync();
        (await decision.Locator(".approval-decision").InnerTextAsync()).ShouldBe("approved with changes version 1");
        (await decision.Locator(".approval-note").InnerTextAsync()).ShouldBe("Hold the sign two seconds longer");
        (await page.Locator("#approval .approve-error").InnerTextAsync()).ShouldBeEmpty();
        var certificate = await context.APIRequest.GetAsync((await decision.Locator(".approval-certificate").GetAttributeAsync("href"))!);
        certificate.Status.ShouldBe(200);
        var payload = (await certificate.TextAsync()).Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonDocument.Parse(Convert.FromBase64String(payload + new string('=', (4 - (payload.Length % 4)) % 4))).RootElement;
        claims.GetProperty("reviewer").GetProperty("name").GetString().ShouldBe("Robin Client");
        (await context.APIRequest.GetAsync((await decision.Locator(".approval-pdf").GetAttributeAsync("href"))!)).Status.ShouldBe(200);
        await ScreenshotAsync(page, "share-page-guest-review");

        await page.ReloadAsync();
        await page.Locator("#approval .approval .approval-decision", new() { HasTextString = "approved with changes" }).WaitForAsync();
        problems.ShouldBeEmpty();
    }

    [Test]
    public async Task AGuestWhoMayOnlyWatch_HasTheTransportKeys_ButNoCommentBoxNoDrawingAndNoDecision()
    {
        var made = await EditorPagesSession.Api.PostAsJsonAsync($"/api/projects/{Uri.EscapeDataString(EditorPagesSession.Project)}/shares",
            new { recipientName = "Robin", recipientEmail = "robin@agency.example", clips = new[] { EditorPagesSession.AssetId }, rights = new[] { "view" } });
        made.IsSuccessStatusCode.ShouldBeTrue(await made.Content.ReadAsStringAsync());
        var url = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var problems = new List<string>();
        await using var context = await EditorPagesSession.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = EditorPagesSession.BaseUri.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.PageError += (_, error) => problems.Add("uncaught: " + error);

        await page.GotoAsync(url);
        await page.FillAsync("#name", "Robin Client");
        await page.FillAsync("#email", "robin@agency.example");
        await page.ClickAsync("#door button[type=submit]");
        await WaitForFrameAsync(page, 1.0);

        (await page.Locator("#comment-form").IsHiddenAsync()).ShouldBeTrue("no comment box without the right to comment");
        (await page.Locator("#comments .comment-reply").CountAsync()).ShouldBe(0, "no replying without the right to comment");
        (await page.Locator("#draw-rectangle").IsHiddenAsync()).ShouldBeTrue();
        (await page.Locator("#approval").IsHiddenAsync()).ShouldBeTrue("no decision without the right to approve");
        await page.Keyboard.PressAsync("r");
        (await page.Locator("#drawing.drawing").CountAsync()).ShouldBe(0, "R draws nothing");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => !document.getElementById('player').seeking && document.getElementById('player').currentTime > 1.03");
        await page.Keyboard.PressAsync("l");
        await page.WaitForFunctionAsync("() => !document.getElementById('player').paused");
        await page.Keyboard.PressAsync("k");
        await page.WaitForFunctionAsync("() => document.getElementById('player').paused");
        problems.ShouldBeEmpty();
    }

    /// <summary>Waits for the player's first frames, then puts the playhead inside frame <paramref name="seconds"/> × 25.</summary>
    private static async Task WaitForFrameAsync(IPage page, double seconds)
    {
        await page.WaitForFunctionAsync("() => document.getElementById('player').readyState >= 2");
        await page.EvaluateAsync("(t) => { document.getElementById('player').currentTime = t; }", seconds + 0.001);
        await page.WaitForFunctionAsync("(t) => !document.getElementById('player').seeking && Math.abs(document.getElementById('player').currentTime - t) < 0.01", seconds + 0.001);
    }

    private static double Number(string? text) => double.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        // In the test framework's work directory, not the session's folder: the attachment is copied
        // after the test, and the session's folder may be gone by then (the last browser test's was).
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        // Kept with the test results (the trx logger copies attachments), for a human to look at.
        TestContext.AddTestAttachment(path, name);
    }
}
