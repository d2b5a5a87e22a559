using Mam.Media.Probing;
using Mam.Media.Timecodes;

namespace Mam.Tests.Web.Browser;

[TestFixture]
public sealed class SearchPageTests : BrowserTest
{
    private const string HitWithKitchen = ".hit:has(mark:text-is('kitchen'))";
    private static readonly (int R, int G, int B) Highlight = (0xff, 0xd8, 0x66); // --mark in mam.css

    [Test]
    public async Task Search_ForASpokenWord_ShowsTheClipWithTheWordHighlightedAtTheTimecodeItIsSpoken()
    {
        var apiHit = await FirstSearchHitAsync("kitchen");
        await Page.GotoAsync("/");

        (await EvalAsync<string>("() => document.activeElement.id")).ShouldBe("q", "an empty search page starts in the box");
        await Page.Keyboard.TypeAsync("kitchen");
        await Page.Keyboard.PressAsync("Enter");
        var hit = Page.Locator(HitWithKitchen);
        await hit.WaitForAsync();

        var clip = Page.Locator($".clip[data-asset-id='{AssetId}']");
        (await clip.Locator(".clip-name").InnerTextAsync()).ShouldBe(EditorPagesSession.ClipName);
        (await clip.Locator(".clip-where").InnerTextAsync()).ShouldContain($"{EditorPagesSession.Project} · {EditorPagesSession.Card}");
        var timecode = await hit.Locator(".tc").InnerTextAsync();
        timecode.ShouldBe(apiHit.GetProperty("timecodeIn").GetString());
        // The clip starts at 01:00:00:00 at 25 fps and the line at 4 s; the hit lands on "kitchen" itself,
        // where the recogniser heard it, later in the line.
        var kitchen = await WordStartAsync("kitchen");
        apiHit.GetProperty("start").GetDouble().ShouldBe(kitchen, 0.01);
        kitchen.ShouldBeGreaterThan(EditorPagesSession.SpokenAt + 1, "kitchen is the seventh word of the line");
        var rate = new FrameRate(25, 1);
        timecode.ShouldBe(Timecode.FromSeconds(apiHit.GetProperty("start").GetDouble(), rate, "01:00:00:00"));
        (await hit.GetAttributeAsync("href")).ShouldBe($"/clips/{AssetId}?t={apiHit.GetProperty("start").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        (await hit.Locator(".snippet").InnerTextAsync()).ShouldContain("kitchen");
        new Uri(Page.Url).PathAndQuery.ShouldBe("/search?q=kitchen");
        (await clip.Locator(".poster img").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1")).ShouldBeGreaterThan(0, "the poster is shown");
    }

    [Test]
    public async Task Search_ScreenshotOfTheResults_ShowsTheHitWithItsHighlightedWord()
    {
        await Page.GotoAsync("/search?q=kitchen");
        var hit = Page.Locator(HitWithKitchen);
        await hit.WaitForAsync();
        await WaitForAsync("() => [...document.images].every(i => i.complete)");

        var path = await ScreenshotAsync("search-kitchen");

        var box = (await hit.BoundingBoxAsync()).ShouldNotBeNull();
        box.Width.ShouldBeGreaterThan(100);
        box.Height.ShouldBeGreaterThan(10);
        (box.Y + box.Height).ShouldBeLessThan(800, "the hit is on the first screen");
        var png = PngImage.Read(await File.ReadAllBytesAsync(path));
        png.Width.ShouldBe(1280);
        Colours(png, 0, 0, png.Width, png.Height).Count.ShouldBeGreaterThan(50, "a rendered page, not a blank one");
        var inHit = Colours(png, (int)box.X, (int)box.Y, (int)box.Width, (int)box.Height);
        inHit.Any(c => Near(c, Highlight)).ShouldBeTrue("the highlight of the matched word is painted inside the hit");
        inHit.Count.ShouldBeGreaterThan(10, "text is painted inside the hit");
    }

    [Test]
    public async Task Search_State_LivesInTheUrlSoBackAndReloadRestoreIt()
    {
        await Page.GotoAsync("/search?q=kitchen");
        await Page.Locator(HitWithKitchen).WaitForAsync();

        await Page.FillAsync("#q", "dinner");
        await Page.PressAsync("#q", "Enter");
        await Page.Locator(".hit mark:text-is('dinner')").WaitForAsync();
        new Uri(Page.Url).PathAndQuery.ShouldBe("/search?q=dinner");

        await Page.GoBackAsync();
        await Page.Locator(HitWithKitchen).WaitForAsync();
        (await Page.InputValueAsync("#q")).ShouldBe("kitchen");
        new Uri(Page.Url).PathAndQuery.ShouldBe("/search?q=kitchen");

        await Page.ReloadAsync();
        await Page.Locator(HitWithKitchen).WaitForAsync();
        (await Page.InputValueAsync("#q")).ShouldBe("kitchen");
    }

    [Test]
    public async Task Search_Keyboard_SlashFocusesTheBoxArrowsWalkTheLinesAndEnterOpensTheClip()
    {
        await Page.GotoAsync("/search?q=kitchen");
        await Page.Locator(HitWithKitchen).WaitForAsync();
        await Page.Locator("#status").ClickAsync();

        await Page.Keyboard.PressAsync("/");
        (await EvalAsync<string>("() => document.activeElement.id")).ShouldBe("q");
        await Page.Keyboard.PressAsync("ArrowDown");
        (await EvalAsync<string>("() => document.activeElement.className")).ShouldBe("hit");
        await Page.Keyboard.PressAsync("ArrowUp");
        (await EvalAsync<string>("() => document.activeElement.id")).ShouldBe("q", "up from the first line goes back to the box");
        await Page.Keyboard.PressAsync("ArrowDown");
        await Page.Keyboard.PressAsync("Enter");

        await Page.WaitForURLAsync($"**/clips/{AssetId}?t=*");
    }

    [Test]
    public async Task Search_WithAProjectFilter_AsksTheApiForItAndSaysWhenNothingMatches()
    {
        await Page.GotoAsync("/search?q=kitchen&project=" + Uri.EscapeDataString(EditorPagesSession.Project));
        await Page.Locator(HitWithKitchen).WaitForAsync();
        (await Page.InputValueAsync("input[name=project]")).ShouldBe(EditorPagesSession.Project);

        await Page.FillAsync("input[name=project]", "Another Film");
        await Page.PressAsync("input[name=project]", "Enter");

        await WaitForAsync("() => document.getElementById('status').textContent.startsWith('Nothing matches')");
        (await Page.Locator(".clip").CountAsync()).ShouldBe(0);
        new Uri(Page.Url).Query.ShouldContain("project=Another+Film");
    }

    [Test]
    public async Task Search_WithMarkupInTheQuery_ShowsItAsTextAndAnswersTheApisMessage()
    {
        await Page.GotoAsync("/search?q=" + Uri.EscapeDataString("\"<img src=x>"));

        await WaitForAsync("() => !['', 'Searching…'].includes(document.getElementById('status').textContent)");
        (await Page.InputValueAsync("#q")).ShouldBe("\"<img src=x>");
        (await Page.Locator("main img").CountAsync()).ShouldBe(0);
        (await Page.TitleAsync()).ShouldStartWith("\"<img src=x>");
    }

    private static HashSet<(byte, byte, byte)> Colours(PngImage png, int x, int y, int width, int height)
    {
        var colours = new HashSet<(byte, byte, byte)>();
        for (var j = Math.Max(0, y); j < Math.Min(png.Height, y + height); j++)
        {
            for (var i = Math.Max(0, x); i < Math.Min(png.Width, x + width); i++)
            {
                colours.Add(png[i, j]);
            }
        }
        return colours;
    }

    private static bool Near((byte R, byte G, byte B) c, (int R, int G, int B) target) =>
        Math.Abs(c.R - target.R) <= 6 && Math.Abs(c.G - target.G) <= 6 && Math.Abs(c.B - target.B) <= 6;
}
