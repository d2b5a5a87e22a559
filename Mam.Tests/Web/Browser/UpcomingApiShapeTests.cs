using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Mam.Tests.Web.Browser;

/// <summary>The pages against response shapes other branches of issue #5 are adding (grouped search
/// with facets, clip tags, QC). The browser's requests for those are answered here with documents of
/// the agreed shape; everything else (the page, the clip, its proxy and transcript) is the real API.</summary>
[TestFixture]
public sealed class UpcomingApiShapeTests : BrowserTest
{
    [Test]
    public async Task Search_WithGroupedClipsAndFacets_ShowsFacetCountsThatFilterOnClickAndBackUndoesIt()
    {
        var requests = new List<string>();
        await Page.RouteAsync(IsSearchApi, async route =>
        {
            requests.Add(route.Request.Url);
            await route.FulfillAsync(new RouteFulfillOptions { Json = GroupedResponse() });
        });

        await Page.GotoAsync("/search?q=harbour");
        await Page.Locator(".facet").First.WaitForAsync();
        await ScreenshotAsync("search-with-facets");

        var card = Page.Locator(".facet[data-facet='card'][data-value='A007R1AB']");
        (await card.InnerTextAsync()).ShouldContain("12");
        (await Page.Locator(".facet[data-facet='hasFaces'][data-value='true']").InnerTextAsync()).ShouldContain("With faces");
        (await Page.Locator(".clip").CountAsync()).ShouldBe(2);
        var lines = await Page.Locator(".clip").First.Locator(".hit .tc").AllInnerTextsAsync();
        lines.ShouldBe(["clip", "01:00:02:00", "01:00:09:12"], "lines in spoken order, the name match first");
        (await Page.Locator(".clip").First.Locator(".hit-source").AllInnerTextsAsync()).ShouldContain("OCR");

        await card.ClickAsync();
        await WaitForAsync("() => new URLSearchParams(location.search).get('card') === 'A007R1AB'");
        await Page.Locator(".facet[data-facet='tag'][data-value='person']").ClickAsync();
        await WaitForAsync("() => new URLSearchParams(location.search).getAll('tag').includes('person')");

        requests.Last().ShouldContain("card=A007R1AB");
        requests.Last().ShouldContain("tag=person");
        (await Page.InputValueAsync("input[name=card]")).ShouldBe("A007R1AB");
        (await Page.Locator("#tags .chip").AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldContain("person");
        (await Page.Locator(".facet[data-facet='card'][data-value='A007R1AB']").GetAttributeAsync("aria-pressed")).ShouldBe("true");

        await Page.GoBackAsync();
        await WaitForAsync("() => !new URLSearchParams(location.search).has('tag')");
        (await Page.Locator("#tags .chip").CountAsync()).ShouldBe(0);
        (await Page.InputValueAsync("input[name=card]")).ShouldBe("A007R1AB");
    }

    [Test]
    public async Task Search_SnippetWithMarkupBesidesMark_ShowsThatMarkupAsText()
    {
        var response = new JsonObject
        {
            ["query"] = "harbour",
            ["count"] = 1,
            ["hits"] = new JsonArray(Hit("x-1", 2.0, "01:00:02:00", "&lt;b&gt;bold&lt;/b&gt; <img src=x id=injected> the <mark>harbour</mark> &amp; the boat&#39;s")),
        };
        await Page.RouteAsync(IsSearchApi, route => route.FulfillAsync(new RouteFulfillOptions { Json = response }));

        await Page.GotoAsync("/search?q=harbour");
        var snippet = Page.Locator(".snippet").First;
        await snippet.WaitForAsync();

        (await snippet.InnerTextAsync()).ShouldBe("<b>bold</b> <img src=x id=injected> the harbour & the boat's");
        (await snippet.Locator("mark").InnerTextAsync()).ShouldBe("harbour");
        (await Page.Locator("#injected, .snippet b").CountAsync()).ShouldBe(0);
        (await Page.Locator("#facets").IsHiddenAsync()).ShouldBeTrue("today's flat response has no facets");
    }

    [Test]
    public async Task ClipPage_WithTagsAndQc_DrawsTheTagsOnATimelineThatSeeksAndShowsTheQcResult()
    {
        await Page.RouteAsync($"**/api/assets/{AssetId}/tags", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Json = new JsonArray(
                Tag("shot", "Shot 2", 3.0, 10.0, null),
                Tag("object", "person", 6.0, 8.0, 0.91),
                Tag("face", "face", 6.5, 6.5, 0.8),
                Tag("qc", "Black at head", 0.0, 0.4, null)),
        }));
        // The clip page asks for the clip with its view id (?view=…), for the audit trail.
        await Page.RouteAsync(new System.Text.RegularExpressions.Regex($"/api/assets/{AssetId}(\\?.*)?$"), async route =>
        {
            var real = await route.FetchAsync();
            var asset = JsonNode.Parse(await real.TextAsync())!.AsObject();
            asset["qc"] = new JsonObject { ["status"] = "warning", ["integratedLufs"] = -31.46, ["truePeakDbtp"] = -3.2, ["summary"] = "Quiet: below -28 LUFS." };
            await route.FulfillAsync(new RouteFulfillOptions { Response = real, Json = asset });
        });

        await Page.GotoAsync($"/clips/{AssetId}");
        await WaitForPlayerAsync();
        var person = Page.Locator(".lane[data-kind='object'] .tag");
        await person.WaitForAsync();

        (await Page.Locator(".lane-name").AllInnerTextsAsync()).ShouldBe(["Shots", "Objects", "Faces", "QC"]);
        await ScreenshotAsync("clip-with-tags");
        (await person.GetAttributeAsync("aria-label"))!.ShouldContain("01:00:06:00");
        (await person.GetAttributeAsync("aria-label"))!.ShouldContain("confidence 91%");
        await person.ClickAsync();
        await WaitForAsync("() => Math.abs(document.getElementById('player').currentTime - 6) < 0.01");
        (await Page.Locator("#qc .badge").InnerTextAsync()).ShouldBe("QC warning");
        (await Page.Locator("#qc").InnerTextAsync()).ShouldContain("-31.5 LUFS integrated");
        (await Page.Locator("#qc").InnerTextAsync()).ShouldContain("Quiet: below -28 LUFS.");
    }

    [TestCase(404)]
    [TestCase(200)]
    public async Task ClipPage_WithoutTagsOrQc_ShowsNeitherAndTheRestOfThePage(int status)
    {
        await Page.RouteAsync($"**/api/assets/{AssetId}/tags", route => route.FulfillAsync(status == 404
            ? new RouteFulfillOptions { Status = 404, ContentType = "application/problem+json", Body = "{\"status\":404}" }
            : new RouteFulfillOptions { Json = new JsonArray() }));
        // The clip page asks for the clip with its view id (?view=…), for the audit trail.
        await Page.RouteAsync(new System.Text.RegularExpressions.Regex($"/api/assets/{AssetId}(\\?.*)?$"), async route =>
        {
            // As today's API answers: no qc object at all.
            var real = await route.FetchAsync();
            var asset = JsonNode.Parse(await real.TextAsync())!.AsObject();
            asset.Remove("qc");
            await route.FulfillAsync(new RouteFulfillOptions { Response = real, Json = asset });
        });

        await Page.GotoAsync($"/clips/{AssetId}");
        await WaitForPlayerAsync();

        (await Page.Locator("#timeline-section").IsHiddenAsync()).ShouldBeTrue();
        (await Page.Locator("#qc").IsHiddenAsync()).ShouldBeTrue();
        (await Page.Locator(".phrase").CountAsync()).ShouldBeGreaterThan(0, "the rest of the page is there");
    }

    private static bool IsSearchApi(string url) => new Uri(url).AbsolutePath == "/api/search";

    private static JsonObject GroupedResponse()
    {
        static JsonArray Facet(params (string Value, int Count)[] values) =>
            new([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["count"] = v.Count })]);
        var first = new JsonObject
        {
            ["assetId"] = "11111111-1111-1111-1111-111111111111", ["clipName"] = "A007C003 harbour", ["project"] = "Harbour Film",
            ["card"] = "A007R1AB", ["camera"] = "A", ["score"] = 9.5, ["posterUrl"] = "/api/assets/11111111-1111-1111-1111-111111111111/poster",
            ["hits"] = new JsonArray(
                HitOf("transcript", 9.5, "01:00:09:12", "the <mark>harbour</mark> at night"),
                HitOf(null, null, null, "A007C003 <mark>harbour</mark>"),
                HitOf("ocr", 2.0, "01:00:02:00", "<mark>HARBOUR</mark> SC 12 TK 2")),
        };
        var second = new JsonObject
        {
            ["assetId"] = "22222222-2222-2222-2222-222222222222", ["clipName"] = "B001C001", ["project"] = "Harbour Film",
            ["card"] = "B001R1AB", ["score"] = 3.1, ["hits"] = new JsonArray(HitOf("transcript", 1.0, "01:00:01:00", "<mark>harbour</mark>")),
        };
        return new JsonObject
        {
            ["query"] = "harbour",
            ["count"] = 4,
            ["hits"] = new JsonArray(),
            ["clips"] = new JsonArray(first, second),
            ["facets"] = new JsonObject
            {
                ["project"] = Facet(("Harbour Film", 13)),
                ["card"] = Facet(("A007R1AB", 12), ("B001R1AB", 1)),
                ["tag"] = Facet(("person", 7), ("car", 2)),
                ["hasFaces"] = Facet(("true", 9), ("false", 4)),
                ["qc"] = Facet(("pass", 11), ("warning", 2)),
                ["codec"] = new JsonArray(),
            },
        };
    }

    private static JsonObject HitOf(string? source, double? start, string? timecodeIn, string snippet) => new()
    {
        ["kind"] = start is null ? "asset" : "segment", ["source"] = source,
        ["start"] = start, ["end"] = start is { } s ? s + 1 : null, ["timecodeIn"] = timecodeIn, ["timecodeOut"] = null, ["snippet"] = snippet,
    };

    private static JsonObject Hit(string clip, double start, string timecodeIn, string snippet) => new()
    {
        ["assetId"] = AssetId.ToString(), ["clipName"] = clip, ["project"] = "P", ["card"] = "C", ["kind"] = "segment",
        ["start"] = start, ["end"] = start + 1, ["timecodeIn"] = timecodeIn, ["timecodeOut"] = null, ["snippet"] = snippet,
        ["score"] = 1.0, ["assetUrl"] = $"/api/assets/{AssetId}", ["proxyUrl"] = $"/api/assets/{AssetId}/proxy", ["posterUrl"] = $"/api/assets/{AssetId}/poster",
    };

    private static JsonObject Tag(string kind, string label, double start, double end, double? confidence) => new()
    {
        ["kind"] = kind, ["label"] = label, ["start"] = start, ["end"] = end,
        ["timecodeIn"] = $"01:00:{(int)start:00}:{(int)((start % 1) * 25):00}", ["timecodeOut"] = $"01:00:{(int)end:00}:{(int)((end % 1) * 25):00}",
        ["confidence"] = confidence, ["source"] = "test", ["value"] = null, ["detail"] = null,
    };
}
