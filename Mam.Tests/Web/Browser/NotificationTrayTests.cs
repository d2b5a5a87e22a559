using System.Net;
using System.Net.Http.Json;

namespace Mam.Tests.Web.Browser;

/// <summary>The tray on every page: another person comments on a clip of a project the editor
/// follows, and the tray shows it live, without a reload, with its badge and a link to the clip at the
/// comment's time; marking it read clears the badge.</summary>
[TestFixture]
public sealed class NotificationTrayTests : BrowserTest
{
    [Test]
    public async Task AnotherPersonsComment_ShowsInTheTray_WithoutAReload()
    {
        await Page.GotoAsync("/");
        await Page.Locator(".tray-button").WaitForAsync();
        // Start from a clean slate: what earlier tests did is read.
        await Page.EvaluateAsync("async () => { const r = await fetch('/api/notifications?take=1'); const b = await r.json(); " +
            "if (b.items.length) await fetch('/api/notifications/read', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({through: b.items[0].id})}); }");
        await Page.ReloadAsync();
        await Page.Locator(".tray-button").WaitForAsync();
        await WaitForAsync("() => document.querySelector('.tray-badge').hidden");
        await WaitForAsync("() => document.querySelector('.tray').dataset.live === 'true'");

        const string text = "<script>alert(1)</script> the slate is out of focus";
        using (var posted = await EditorPagesSession.Api.PostAsJsonAsync($"/api/assets/{AssetId}/comments", new { text, frame = 50 }))
        {
            posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        }

        await WaitForAsync("() => !document.querySelector('.tray-badge').hidden && document.querySelector('.tray-badge').textContent === '1'");
        await Page.Locator(".tray-button").ClickAsync();
        var item = Page.Locator(".tray-item", new() { HasTextString = "the slate is out of focus" });
        await item.WaitForAsync();
        (await item.Locator(".tray-text").InnerTextAsync()).ShouldEndWith(text, Case.Sensitive, "shown as typed, never run");
        (await item.Locator("script").CountAsync()).ShouldBe(0);
        (await item.Locator("a.tray-text").GetAttributeAsync("href")).ShouldBe($"/clips/{AssetId}?t=2", "the link opens the clip at the comment's frame (50 at 25 fps)");
        (await item.GetAttributeAsync("class"))!.ShouldContain("unread");
        await ScreenshotAsync("notification-tray-live-comment");

        await Page.Locator(".tray-mark-all").ClickAsync();
        await WaitForAsync("() => document.querySelector('.tray-badge').hidden");
        (await item.GetAttributeAsync("class"))!.ShouldNotContain("unread");
    }
}
