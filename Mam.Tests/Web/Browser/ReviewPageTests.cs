using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mam.Tests.Web.Browser;

/// <summary>A reviewer on the clip page: marks a range with I and O, draws a rectangle with the mouse
/// over the picture, comments, and after a reload sees the rectangle on the same spot of the frame.</summary>
[TestFixture]
public sealed class ReviewPageTests : BrowserTest
{
    private const string Text = "<img src=x onerror=alert(1)> logo visible here";

    [Test]
    public async Task DrawingARectangleWithTheMouse_IsOnTheFrameAfterReload_AndTheCommentListsTheTextAsTyped()
    {
        await Page.GotoAsync($"/clips/{AssetId}?t=2");
        await WaitForPlayerAsync();
        var frame = (int)Math.Floor(2.0 * 25 + 1e-6);
        await Page.Keyboard.PressAsync("i");
        await Page.Keyboard.PressAsync("ArrowRight");
        await Page.Keyboard.PressAsync("ArrowRight");
        await WaitForAsync("() => !document.getElementById('player').seeking");
        await Page.Keyboard.PressAsync("o");

        await DrawRectangleAsync((0.25f, 0.25f), (0.5f, 0.6f));
        (await Page.Locator("#drawing rect.pending").CountAsync()).ShouldBe(1);
        await Page.Keyboard.PressAsync("c");
        await Page.Keyboard.TypeAsync(Text);
        await Page.Locator("#comment-form button[type=submit]").ClickAsync();
        await Page.Locator("#comments .comment-text", new() { HasTextString = "logo visible here" }).WaitForAsync();

        var comments = await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{AssetId}/comments");
        var saved = comments.EnumerateArray().Single(c => c.GetProperty("text").GetString() == Text);
        saved.GetProperty("inFrame").GetInt64().ShouldBe(frame);
        saved.GetProperty("outFrame").GetInt64().ShouldBe(frame + 2, "O was pressed two frames after I");
        var corners = saved.GetProperty("drawing")[0].GetProperty("points").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        corners[0].Item1.ShouldBe(0.25, 0.02);
        corners[0].Item2.ShouldBe(0.25, 0.02);
        corners[1].Item1.ShouldBe(0.5, 0.02);
        corners[1].Item2.ShouldBe(0.6, 0.02);

        await Page.ReloadAsync();
        await WaitForPlayerAsync();
        await Page.Locator("#goto-tc").FillAsync(saved.GetProperty("timecodeIn").GetString()!);
        await Page.Locator("#goto-tc").PressAsync("Enter");
        await WaitForAsync("() => document.querySelectorAll('#drawing rect.saved').length === 1");
        var rect = Page.Locator("#drawing rect.saved");
        Number(await rect.GetAttributeAsync("x")).ShouldBe(0.25, 0.02);
        Number(await rect.GetAttributeAsync("y")).ShouldBe(0.25, 0.02);
        Number(await rect.GetAttributeAsync("width")).ShouldBe(0.25, 0.03);
        Number(await rect.GetAttributeAsync("height")).ShouldBe(0.35, 0.03);
        var item = Page.Locator("#comments li", new() { HasTextString = "logo visible here" });
        (await item.Locator(".comment-text").InnerTextAsync()).ShouldBe(Text, "the text is shown as typed, not as markup");
        (await item.Locator("img").CountAsync()).ShouldBe(0);
        await ScreenshotAsync("review-rectangle-after-reload");

        await Page.Locator("#goto-tc").FillAsync(Label(saved, 30));
        await Page.Locator("#goto-tc").PressAsync("Enter");
        await WaitForAsync("() => document.querySelectorAll('#drawing rect.saved').length === 0");
    }

    /// <summary>Reply on the page: the thread's Reply button turns the form to the thread (Esc gives
    /// up); the reply is listed under its thread and stored on the thread's frames.</summary>
    [Test]
    public async Task ReplyingFromTheList_PutsTheReplyUnderItsThread_OnTheThreadsFrames_AndEscGivesUp()
    {
        var made = await EditorPagesSession.Api.PostAsJsonAsync($"/api/assets/{AssetId}/comments", new { text = "Boom in shot, top left", frame = 30, outFrame = 40 });
        made.EnsureSuccessStatusCode();
        var thread = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Page.GotoAsync($"/clips/{AssetId}?t=3");
        await WaitForPlayerAsync();
        var item = Page.Locator("#comments li", new() { HasTextString = "Boom in shot, top left" });

        await item.Locator(".comment-reply").ClickAsync();
        (await Page.Locator("#comment-where").InnerTextAsync()).ShouldStartWith("Reply to ");
        await Page.Keyboard.PressAsync("Escape");
        (await Page.Locator("#comment-where").InnerTextAsync()).ShouldStartWith("At ", customMessage: "Esc gives the reply up");
        // A shape drawn before replying is not sent with the reply (a reply's drawing is never shown): it waits for the next comment.
        await DrawRectangleAsync((0.2f, 0.2f), (0.4f, 0.4f));
        await item.Locator(".comment-reply").ClickAsync();
        await Page.Keyboard.TypeAsync("Fixed in the next version");
        await Page.Locator("#comment-form button[type=submit]").ClickAsync();
        await Page.Locator("#comments li.reply", new() { HasTextString = "Fixed in the next version" }).WaitForAsync();

        var texts = (await Page.Locator("#comments .comment-text").AllInnerTextsAsync()).ToList();
        texts.IndexOf("Fixed in the next version").ShouldBe(texts.IndexOf("Boom in shot, top left") + 1, "listed right under its thread");
        var reply = (await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{AssetId}/comments")).EnumerateArray()
            .Single(c => c.GetProperty("text").GetString() == "Fixed in the next version");
        reply.GetProperty("replyTo").GetGuid().ShouldBe(thread);
        (reply.GetProperty("inFrame").GetInt64(), reply.GetProperty("outFrame").GetInt64()).ShouldBe((30L, 40L));
        reply.GetProperty("drawing").GetArrayLength().ShouldBe(0);
        (await Page.Locator("#drawing rect.pending").CountAsync()).ShouldBe(1, "the shape still waits for the next comment");
    }

    /// <summary>Picks the rectangle tool and drags from one corner to the other, in parts of the picture.</summary>
    private async Task DrawRectangleAsync((float X, float Y) from, (float X, float Y) to)
    {
        await Page.Locator("#draw-rectangle").ClickAsync();
        var box = (await Page.Locator("#drawing").BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(box.X + (box.Width * from.X), box.Y + (box.Height * from.Y));
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(box.X + (box.Width * to.X), box.Y + (box.Height * to.Y), new() { Steps = 8 });
        await Page.Mouse.UpAsync();
    }

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    /// <summary>A timecode this many frames after the comment's out point, on the same clock.</summary>
    private static string Label(JsonElement comment, int framesLater)
    {
        var tc = comment.GetProperty("timecodeOut").GetString()!;
        var parts = tc.Split(':', ';');
        var frames = (((int.Parse(parts[0], CultureInfo.InvariantCulture) * 3600) + (int.Parse(parts[1], CultureInfo.InvariantCulture) * 60) + int.Parse(parts[2], CultureInfo.InvariantCulture)) * 25)
            + int.Parse(parts[3], CultureInfo.InvariantCulture) + framesLater;
        return string.Create(CultureInfo.InvariantCulture, $"{frames / 90000:00}:{frames / 1500 % 60:00}:{frames / 25 % 60:00}:{frames % 25:00}");
    }
}
