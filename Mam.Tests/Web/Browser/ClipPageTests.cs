using System.Net.Http.Json;
using System.Globalization;

namespace Mam.Tests.Web.Browser;

[TestFixture]
public sealed class ClipPageTests : BrowserTest
{
    private const string Video = "document.getElementById('player')";

    [Test]
    public async Task ClickingAHitsTimecode_OpensTheClipOnTheWordWithItsLineHighlighted()
    {
        var apiHit = await FirstSearchHitAsync("kitchen");
        var start = apiHit.GetProperty("start").GetDouble();
        start.ShouldBe(await WordStartAsync("kitchen"), 0.01, "the hit lands on the word, not on its line");
        await Page.GotoAsync("/search?q=kitchen");

        await Page.Locator(".hit:has(mark:text-is('kitchen')) .tc").ClickAsync();
        await Page.WaitForURLAsync($"**/clips/{AssetId}?t=*");
        var currentTime = await WaitForPlayerAsync();

        currentTime.ShouldBe(start, 0.05);
        var current = Page.Locator(".phrase.current");
        (await current.CountAsync()).ShouldBe(1);
        double.Parse((await current.GetAttributeAsync("data-start"))!, CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(start + 0.05);
        double.Parse((await current.GetAttributeAsync("data-end"))!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(start);
        (await current.GetAttributeAsync("aria-current")).ShouldBe("true");
        (await current.InnerTextAsync()).ShouldContain("kitchen");
        (await Page.Locator("#playhead").InnerTextAsync()).ShouldBe(apiHit.GetProperty("timecodeIn").GetString());
        (await Page.Locator("#clip-name").InnerTextAsync()).ShouldBe(EditorPagesSession.ClipName);
        (await Page.Locator("#back").GetAttributeAsync("href")).ShouldBe("/search?q=kitchen", "back leads to the search the editor came from");
        await ScreenshotAsync("clip-at-kitchen");
    }

    [Test]
    public async Task PlayingThenStopping_ReportsTheSecondsWatched_NamingTheViewThePageOpened()
    {
        var opened = Page.WaitForRequestAsync(r => r.Url.Contains($"/api/assets/{AssetId}?view=", StringComparison.Ordinal));
        await Page.GotoAsync($"/clips/{AssetId}?t=1");
        var view = System.Web.HttpUtility.ParseQueryString(new Uri((await opened).Url).Query)["view"];
        view.ShouldNotBeNullOrEmpty();
        await WaitForPlayerAsync();
        var reported = Page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith($"/api/assets/{AssetId}/watched", StringComparison.Ordinal));

        await Page.Keyboard.PressAsync("l");
        await WaitForAsync($"() => {Video}.currentTime > 2");
        await Page.Keyboard.PressAsync("k");

        var report = await reported;
        var body = System.Text.Json.JsonDocument.Parse(report.PostData!).RootElement;
        body.GetProperty("view").GetString().ShouldBe(view, "the same view the clip's record was opened with");
        body.GetProperty("seconds").GetDouble().ShouldBeInRange(0.5, 20);
        (await report.ResponseAsync())!.Status.ShouldBe(204);
    }

    [Test]
    public async Task Keyboard_SpaceLAndJDriveThePlayerLikeAnNleAndKStops()
    {
        await Page.GotoAsync($"/clips/{AssetId}?t=5");
        var at = await WaitForPlayerAsync();
        at.ShouldBe(5, 0.001);

        await Page.Keyboard.PressAsync(" ");
        await WaitForAsync($"() => !{Video}.paused && {Video}.currentTime > 5.1");
        (await Page.Locator("#speed").InnerTextAsync()).ShouldBe("▶ 1×");
        await Page.Keyboard.PressAsync(" ");
        (await EvalAsync<bool>($"() => {Video}.paused")).ShouldBeTrue("space again pauses");

        await Page.Keyboard.PressAsync("l");
        (await EvalAsync<double>($"() => {Video}.playbackRate")).ShouldBe(1);
        await Page.Keyboard.PressAsync("l");
        (await EvalAsync<double>($"() => {Video}.playbackRate")).ShouldBe(2, "a second L doubles the speed");
        await Page.Keyboard.PressAsync("l");
        (await EvalAsync<double>($"() => {Video}.playbackRate")).ShouldBe(4);
        (await Page.Locator("#speed").InnerTextAsync()).ShouldBe("▶ 4×");
        (await EvalAsync<bool>($"() => {Video}.paused")).ShouldBeFalse();

        await Page.Keyboard.PressAsync("k");
        (await EvalAsync<bool>($"() => {Video}.paused")).ShouldBeTrue();
        (await EvalAsync<double>($"() => {Video}.playbackRate")).ShouldBe(1, "K resets the speed");
        (await Page.Locator("#speed").InnerTextAsync()).ShouldBe("");

        await Page.Keyboard.PressAsync("l");
        await WaitForAsync($"() => !{Video}.paused");
        await Page.Keyboard.PressAsync("k");
        var stoppedAt = await EvalAsync<double>($"() => {Video}.currentTime");
        await Page.Keyboard.PressAsync("j");
        (await Page.Locator("#speed").InnerTextAsync()).ShouldBe("◀ 1×");
        await WaitForAsync($"t => {Video}.currentTime < t - 0.2", stoppedAt);
        await Page.Keyboard.PressAsync("j");
        (await Page.Locator("#speed").InnerTextAsync()).ShouldBe("◀ 2×", "a second J doubles the reverse speed");
        await Page.Keyboard.PressAsync("k");
        (await EvalAsync<string>("() => document.body.dataset.transport")).ShouldBe("stopped");
        var afterStop = await EvalAsync<double>($"() => {Video}.currentTime");
        await Page.WaitForTimeoutAsync(300);
        (await EvalAsync<double>($"() => {Video}.currentTime")).ShouldBe(afterStop, "K stops reverse play too");
    }

    [Test]
    public async Task Keyboard_ArrowsStepOneFrameAtTheClipsFrameRateAndThePlayheadTimecodeFollows()
    {
        await Page.GotoAsync($"/clips/{AssetId}?t=2");
        await WaitForPlayerAsync();
        (await Page.Locator("#playhead").InnerTextAsync()).ShouldBe("01:00:02:00");

        await Page.Keyboard.PressAsync("ArrowRight");
        await Page.Keyboard.PressAsync("ArrowRight");
        await Page.Keyboard.PressAsync("ArrowRight");
        await WaitForPlayerAsync();
        (await Page.Locator("#playhead").InnerTextAsync()).ShouldBe("01:00:02:03");
        Math.Floor(await EvalAsync<double>($"() => {Video}.currentTime") * 25).ShouldBe(53, "three frames at 25 fps");

        await Page.Keyboard.PressAsync("ArrowLeft");
        await WaitForPlayerAsync();
        (await Page.Locator("#playhead").InnerTextAsync()).ShouldBe("01:00:02:02");
        (await EvalAsync<bool>($"() => {Video}.paused")).ShouldBeTrue();
        await WaitForAsync("() => location.search === '?t=2.08'");
        await Page.ReloadAsync();
        await WaitForPlayerAsync();
        (await Page.Locator("#playhead").InnerTextAsync()).ShouldBe("01:00:02:02", "the address keeps where the editor stopped");
    }

    [Test]
    public async Task Keys_TypedIntoTheGoToField_AreTextNotShortcutsAndATimecodeSeeksThere()
    {
        await Page.GotoAsync($"/clips/{AssetId}");
        await WaitForPlayerAsync();

        await Page.Locator("#goto-tc").ClickAsync();
        await Page.Keyboard.TypeAsync("l l j k");
        (await EvalAsync<bool>($"() => {Video}.paused")).ShouldBeTrue("letters typed into a field do not start the player");
        (await Page.InputValueAsync("#goto-tc")).ShouldBe("l l j k");
        await Page.FillAsync("#goto-tc", "01:00:06:10");
        await Page.PressAsync("#goto-tc", "Enter");

        await WaitForAsync($"() => Math.abs({Video}.currentTime - 6.4) < 0.001");
        await WaitForPlayerAsync();
        (await Page.Locator("#playhead").InnerTextAsync()).ShouldBe("01:00:06:10");
        await Page.FillAsync("#goto-tc", "02:00:00:00");
        await Page.PressAsync("#goto-tc", "Enter");
        (await Page.Locator("#goto-error").InnerTextAsync()).ShouldContain("Not a timecode in this clip");
    }

    [Test]
    public async Task Transcript_FollowsPlaybackAndAClickOnALineSeeksThere()
    {
        await Page.GotoAsync($"/clips/{AssetId}?t=0.5");
        await WaitForPlayerAsync();
        (await Page.Locator(".phrase.current").CountAsync()).ShouldBe(0, "nothing is said in the first seconds");
        var first = Page.Locator(".phrase").First;
        var start = double.Parse((await first.GetAttributeAsync("data-start"))!, CultureInfo.InvariantCulture);

        await Page.Keyboard.PressAsync("l");
        await WaitForAsync("() => document.querySelector('.phrase.current') !== null");
        (await EvalAsync<double>($"() => {Video}.currentTime")).ShouldBeGreaterThanOrEqualTo(start - 0.05, "the line lights up when playback reaches it");
        await Page.Keyboard.PressAsync("k");

        await Page.Locator("#filmstrip").ClickAsync(new() { Position = new() { X = 2, Y = 5 } });
        await WaitForAsync("() => document.querySelector('.phrase.current') === null");
        await first.Locator("button").ClickAsync();
        await WaitForAsync($"s => Math.abs({Video}.currentTime - s) < 0.01", start);
        (await first.GetAttributeAsync("class"))!.ShouldContain("current");
    }

    [Test]
    public async Task Filmstrip_ClickHalfWayAlong_SeeksToTheMiddleOfTheClip()
    {
        await Page.GotoAsync($"/clips/{AssetId}");
        await WaitForPlayerAsync();
        await WaitForAsync("() => document.getElementById('filmstrip-image').naturalWidth > 0");
        var box = (await Page.Locator("#filmstrip-image").BoundingBoxAsync()).ShouldNotBeNull();

        await Page.Locator("#filmstrip-image").ClickAsync(new() { Position = new() { X = box.Width / 2, Y = box.Height / 2 } });

        var duration = await EvalAsync<double>($"() => {Video}.duration");
        duration.ShouldBe(10, 0.2);
        await WaitForAsync($"d => Math.abs({Video}.currentTime - d / 2) < 0.1", duration);
    }

    [Test]
    public async Task Waveform_IsDrawnUnderTheFilmstrip_LouderWhereTheLineIsSpoken_AndAClickSeeksThere()
    {
        await Page.GotoAsync($"/clips/{AssetId}");
        await WaitForPlayerAsync();
        await WaitForAsync("() => !document.getElementById('waveform-section').hidden && document.getElementById('waveform').width > 0");
        // Ink per tenth of the canvas: the clip is silent but for the line spoken from about 4 s of 10.
        var ink = await EvalAsync<double[]>("""
            () => {
              const c = document.getElementById('waveform');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const tenths = new Array(10).fill(0);
              for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++)
                if (d[(y * c.width + x) * 4 + 3] > 0) tenths[Math.min(9, Math.floor(10 * x / c.width))]++;
              return tenths;
            }
            """);
        ink[5].ShouldBeGreaterThan(ink[0] * 3, "the speech is drawn taller than the silence before it");

        var box = (await Page.Locator("#waveform").BoundingBoxAsync()).ShouldNotBeNull();
        await Page.Locator("#waveform").ClickAsync(new() { Position = new() { X = box.Width * 0.75f, Y = box.Height / 2 } });
        await WaitForAsync($"() => Math.abs({Video}.currentTime - 7.5) < 0.15");
    }

    [Test]
    public async Task TechnicalPanel_ShowsTheClipsTimecodeRateAndSizeAndLinksTheExports()
    {
        await Page.GotoAsync($"/clips/{AssetId}");
        await Page.Locator("#technical dt").First.WaitForAsync();

        var technical = await Page.Locator("#technical").InnerTextAsync();
        technical.ShouldContain("01:00:00:00");
        technical.ShouldContain("25 fps");
        technical.ShouldContain("1280 × 720");
        technical.ShouldContain("QuickTime");
        technical.ShouldNotContain("mov,mp4", customMessage: "ffprobe's demuxer name is not what an editor calls the container");
        var exports = await Page.Locator("#exports a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        exports.ShouldContain($"/api/assets/{AssetId}/transcript.vtt");
        exports.ShouldContain($"/api/assets/{AssetId}/transcript.srt");
        exports.ShouldContain($"/api/assets/{AssetId}/markers.csv");
        exports.ShouldContain($"/api/assets/{AssetId}/markers.edl");
        (await EditorPagesSession.Api.GetStringAsync($"/api/assets/{AssetId}/transcript.vtt")).ShouldStartWith("WEBVTT");
    }

    [Test]
    public async Task TagLanes_BeforeTheVideoLoads_HaveThePlayheadWhereTheAddressOpensNotOverTheirNames()
    {
        // The proxy never arrives: the page as it is before the video loads (on a slow link, for long).
        await Page.RouteAsync("**/proxy", route => route.AbortAsync());
        await Page.GotoAsync($"/clips/{AssetId}?t=5");
        await Page.Locator("#timeline .lane").First.WaitForAsync();

        (await EvalAsync<int>("() => document.getElementById('player').readyState")).ShouldBe(0, "the video has not loaded");
        var name = (await Page.Locator("#timeline .lane-name").First.BoundingBoxAsync()).ShouldNotBeNull();
        var track = (await Page.Locator("#timeline .lane-track").First.BoundingBoxAsync()).ShouldNotBeNull();
        var line = (await Page.Locator("#timeline .timeline-playhead").BoundingBoxAsync()).ShouldNotBeNull();
        line.X.ShouldBeGreaterThanOrEqualTo(name.X + name.Width, "the playhead is not drawn over the lane names");
        line.X.ShouldBe(track.X + (track.Width / 2), 3, "?t=5 of a 10 s clip: half-way along the lanes");
        (await Page.Locator("#playhead").InnerTextAsync()).ShouldBe("01:00:05:00");
    }

    [Test]
    public async Task QcPanel_ListsEachFindingOnItsOwnLine()
    {
        var asset = await EditorPagesSession.Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/assets/{AssetId}");
        var findings = asset.GetProperty("qc").GetProperty("summary").EnumerateArray().Select(f => f.GetString()!).ToList();
        findings.Count.ShouldBeGreaterThan(1, "the clip is silent before and after its line: more than one finding");

        await Page.GotoAsync($"/clips/{AssetId}");
        await Page.Locator("#qc .qc-findings li").First.WaitForAsync();

        var lines = await Page.Locator("#qc .qc-findings li").AllInnerTextsAsync();
        lines.ShouldBe(findings);
        (await Page.Locator("#qc").InnerTextAsync()).ShouldNotContain(findings[0] + "," + findings[1]);
    }

    [Test]
    public async Task ClipPage_ForAClipThatDoesNotExist_SaysSoInsteadOfAnEmptyPlayer()
    {
        var response = await Page.GotoAsync($"/clips/{Guid.NewGuid()}");

        response!.Status.ShouldBe(404, "an HTML 404 page, not the player, and not JSON");
        (await response.HeaderValueAsync("content-type"))!.ShouldStartWith("text/html");
        await Page.Locator("#message").WaitForAsync();
        (await Page.Locator("#message").InnerTextAsync()).ShouldContain("There is no clip");
        (await Page.Locator("#clip").IsHiddenAsync()).ShouldBeTrue();
        (await Page.Locator("a[href='/']").CountAsync()).ShouldBeGreaterThan(0, "the page leads back to search");
    }
}
