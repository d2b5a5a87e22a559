using System.Net.Http.Json;
using System.Text.Json;
using Ingest.Agent.Commands;
using Mam.Media.Probing;
using Mam.Media.Timecodes;
using Mam.Tests.Support;
using Mam.Tests.Web.Browser;
using Microsoft.Playwright;
using static Mam.Tests.EndToEnd.SaidShownSeenMedia;

namespace Mam.Tests.EndToEnd;

/// <summary>Issue #5, done when: a phrase spoken in a sample clip, a word shown on its slate, and
/// "person" all find that clip at the right timecodes through the API and the web page. One generated
/// clip is offloaded by the real agent to the real API and goes through the real embedded pipeline
/// (probe, proxy, transcription with pocketsphinx, analysis with tesseract and the vision sidecar,
/// index); then the search API and the search and clip pages in chromium are asked about it.</summary>
[TestFixture]
[Category("Integration")]
[Category("Browser")]
[NonParallelizable]
public sealed class SaidShownSeenTests
{
    private const string Project = "Lighthouse";
    private const string Viewer = "lighthouse-viewer";
    private const string Card = "C007R1LH";
    private const string ClipName = "C007C012 scene 12 take 3";

    /// <summary>What each query must find: the hit's source, the seconds its start must fall in and the
    /// latest it may end.</summary>
    private static readonly Dictionary<string, (string Source, double From, double To, double EndBy)> Expected = new(StringComparer.Ordinal)
    {
        // Said: pocketsphinx places words within a fraction of a second; a second either way is what an
        // editor accepts. The line lasts under three seconds.
        ["\"harbour master\""] = ("transcript", SpokenAt - 1, SpokenAt + 1, SpokenAt + 4),
        // Shown: the slate is on screen from the first frame to the cut.
        ["lighthouse"] = ("slate", 0, SlateEnd, SlateEnd + 0.5),
        // Seen: the person is on screen from the cut after the slate to the cut to the end card.
        ["person"] = ("object", PersonStart - 0.5, PersonEnd, PersonEnd + 0.5),
    };

    private static readonly FrameRate Rate = new(25, 1);

    private TempFolder _work = null!;
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Guid _assetId;

    [OneTimeSetUp]
    public async Task OffloadTheClipAndWaitForThePipeline()
    {
        _work = new TempFolder("said-shown-seen");
        var card = Directory.CreateDirectory(_work.Combine("card", Card)).FullName;
        var clips = Directory.CreateDirectory(Path.Combine(card, "Clips")).FullName;
        await MakeClipAsync(clips, ClipName + ".mov", CancellationToken.None);

        _api = new MamApiFactory(realSocket: true);
        _client = _api.CreateReader();
        await _api.AddPersonAsync(Viewer, false, (Project, Mam.Catalog.Entities.People.ProjectRole.Viewer));
        using var output = new StringWriter();
        var exit = await AgentCli.RunAsync(
            ["offload", card, "--dest", _work.Combine("raid"), "--project", Project, "--api", _api.BaseUri.ToString(), "--token", _api.AdminToken],
            output, output, CancellationToken.None);
        exit.ShouldBe(0, output.ToString());

        _assetId = await WaitUntilIndexedAsync();
        (_playwright, _browser) = await HeadlessChromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task CleanUp()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _client?.Dispose();
        _api?.Dispose();
        _work?.Dispose();
    }

    [TestCase("\"harbour master\"", TestName = "Api_SearchForThePhraseSpoken_FindsTheClipWhereItIsSaid")]
    [TestCase("lighthouse", TestName = "Api_SearchForTheWordOnTheSlate_FindsTheClipAtTheSlate")]
    [TestCase("person", TestName = "Api_SearchForPerson_FindsTheClipWhileThePersonIsOnScreen")]
    public async Task Api_Search_FindsTheClipAtTheRightTimecode(string query)
    {
        var (source, from, to, endBy) = Expected[query];

        var hit = await HitAsync(query);
        await TestContext.Out.WriteLineAsync($"{query}: {hit}");

        hit.GetProperty("start").GetDouble().ShouldBeInRange(from, to, $"{source} hit for {query}: {hit}");
        hit.GetProperty("end").GetDouble().ShouldBeLessThanOrEqualTo(endBy, $"{source} hit for {query}: {hit}");
        var timecode = hit.GetProperty("timecodeIn").GetString()!;
        var frames = Timecode.Parse(timecode, Rate).ToFrames(Rate) - Timecode.Parse(StartTimecode, Rate).ToFrames(Rate);
        ((double)frames).ShouldBeInRange(from * 25, to * 25, $"the timecode {timecode} counts from the clip's start timecode {StartTimecode}");
        hit.GetProperty("snippet").GetString()!.ShouldContain("<mark>", Case.Sensitive, "the matched words are highlighted");
    }

    [TestCase("\"harbour master\"", TestName = "Page_SearchForThePhraseSpoken_ShowsTheClipWithTheTimecodeWhereItIsSaid")]
    [TestCase("lighthouse", TestName = "Page_SearchForTheWordOnTheSlate_ShowsTheClipWithTheTimecodeOfTheSlate")]
    [TestCase("person", TestName = "Page_SearchForPerson_ShowsTheClipWithTheTimecodeWhereThePersonIsSeen")]
    public async Task Page_Search_ShowsTheClipWithItsTimecode(string query)
    {
        var source = Expected[query].Source;
        var apiHit = await HitAsync(query);
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = Watch(page);

        await page.GotoAsync("/");
        await page.Locator("#q").PressSequentiallyAsync(query);
        await page.Keyboard.PressAsync("Enter");
        var clip = page.Locator($".clip[data-asset-id='{_assetId}']");
        var hit = clip.Locator(".hit", new LocatorLocatorOptions { Has = page.Locator($".hit-source:text-is('{source}')") }).First;
        await hit.WaitForAsync();

        (await clip.Locator(".clip-name").InnerTextAsync()).ShouldBe(ClipName);
        (await hit.Locator(".tc").InnerTextAsync()).ShouldBe(apiHit.GetProperty("timecodeIn").GetString());
        (await hit.Locator(".snippet mark").CountAsync()).ShouldBeGreaterThan(0, "the matched words are highlighted");
        problems.ShouldBeEmpty();
    }

    [Test]
    public async Task Page_ClickingThePersonHitsTimecode_OpensTheClipWithThePersonOnScreen()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = Watch(page);
        await page.GotoAsync("/search?q=person");
        var hit = page.Locator($".clip[data-asset-id='{_assetId}'] .hit", new PageLocatorOptions { Has = page.Locator(".hit-source:text-is('object')") }).First;
        await hit.WaitForAsync();

        await hit.Locator(".tc").ClickAsync();

        await page.WaitForURLAsync($"**/clips/{_assetId}?t=*");
        await page.WaitForFunctionAsync(
            "() => { const p = document.getElementById('player'); return p.readyState >= 2 && !p.seeking; }",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var at = await page.EvaluateAsync<double>("() => document.getElementById('player').currentTime");
        at.ShouldBeInRange(PersonStart - 0.5, PersonEnd, "the clip opens where the person is on screen");
        problems.ShouldBeEmpty();
    }

    /// <summary>The clip's best hit from <paramref name="query"/>'s source, after checking the search found the clip.</summary>
    private async Task<JsonElement> HitAsync(string query)
    {
        var source = Expected[query].Source;
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query));
        var clip = result.GetProperty("clips").EnumerateArray().FirstOrDefault(c => c.GetProperty("assetId").GetGuid() == _assetId);
        clip.ValueKind.ShouldBe(JsonValueKind.Object, $"{query} finds the clip: {result}");
        clip.GetProperty("clipName").GetString().ShouldBe(ClipName);
        var hits = clip.GetProperty("hits").EnumerateArray().Where(h => h.GetProperty("source").GetString() == source).ToList();
        hits.ShouldNotBeEmpty($"{query} finds the clip through its {source}: {clip}");
        return hits[0];
    }

    /// <summary>Signed in through the form as a viewer of the project: what an editor's assistant sees.</summary>
    private Task<IBrowserContext> NewContextAsync() => BrowserSignIn.NewContextAsync(_browser!, _api.BaseUri, Viewer);

    /// <summary>Uncaught script errors: silent for a user, but they break what the page does.</summary>
    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.SetDefaultTimeout(20_000);
        page.PageError += (_, error) => problems.Add("uncaught: " + error);
        return problems;
    }

    private async Task<Guid> WaitUntilIndexedAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        JsonElement asset = default;
        while (DateTime.UtcNow < deadline)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>("/api/assets?project=" + Uri.EscapeDataString(Project));
            asset = page.GetProperty("items").EnumerateArray().FirstOrDefault();
            if (asset.ValueKind == JsonValueKind.Object && asset.GetProperty("state").GetString() != "processing")
            {
                break;
            }
            await Task.Delay(500);
        }
        asset.ValueKind.ShouldBe(JsonValueKind.Object, "the card's clip was never registered");
        var stages = asset.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("status").GetString());
        foreach (var stage in new[] { "probe", "proxy", "transcribe", "analyse", "index" })
        {
            stages.GetValueOrDefault(stage).ShouldBe("done", $"{stage}: {asset}");
        }
        return asset.GetProperty("id").GetGuid();
    }
}
