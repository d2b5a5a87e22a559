using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Media.Probing;
using Mam.Media.Timecodes;
using Mam.Tests.Api;
using Mam.Tests.Media.Analysis;
using Mam.Tests.Support;
using E = Mam.Tests.Media.Analysis.AnalysisMedia.Editorial;

namespace Mam.Tests.Workers.Analysis;

/// <summary>A clip uploaded to the real API on the embedded defaults goes through the whole pipeline,
/// analysis included; the editor reads the findings with SMPTE timecodes off the tags endpoint.</summary>
[TestFixture]
[Category("Media")]
[NonParallelizable]
public sealed class AnalysisApiTests
{
    private static readonly FrameRate Rate = new(25, 1);

    private TempFolder _folder = null!;
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;
    private Guid _asset;
    private JsonElement _detail;

    [OneTimeSetUp]
    public async Task UploadAClipAndWaitForThePipeline()
    {
        _folder = new TempFolder("analysis-api");
        var clip = await AnalysisMedia.MakeEditorialClipAsync(_folder.Path, "A001C001.mov", CancellationToken.None);
        _api = new MamApiFactory();
        _client = _api.CreateWriter();
        _asset = await UploadCardAsync(_client, "Harbour", "A001R1AB", clip);
        _detail = await WaitForPipelineAsync(_client, _asset);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _client.Dispose();
        _api.Dispose();
        _folder.Dispose();
    }

    [Test]
    public void Pipeline_RunsTheAnalysisStageAndSaysWhatItFound()
    {
        var analyse = Stage(_detail, "analyse");

        analyse.GetProperty("status").GetString().ShouldBe("done", analyse.ToString());
        analyse.GetProperty("note").GetString()!.ShouldContain("slate scene 12 take 3");
        analyse.GetProperty("note").GetString()!.ShouldContain("person");
        Stage(_detail, "index").GetProperty("status").GetString().ShouldBe("done");
        _detail.GetProperty("state").GetString().ShouldBe("ready");
    }

    [Test]
    public async Task Tags_ShowTheSlateAtTheHeadWithItsTimecodeOnTheClipsClock()
    {
        var slate = (await TagsAsync("?kind=slate")).ShouldHaveSingleItem();

        slate.GetProperty("kind").GetString().ShouldBe("slate");
        slate.GetProperty("label").GetString().ShouldBe("scene 12 take 3");
        slate.GetProperty("detail").GetString()!.ShouldContain("SCENE 12 TAKE 3");
        Frames(slate.GetProperty("timecodeIn").GetString()!).ShouldBeInRange(Frames("01:00:00:00"), Frames("01:00:01:00"));
        slate.GetProperty("timecodeOut").GetString()!.ShouldStartWith("01:00:0");
    }

    [Test]
    public async Task Tags_ShowThePersonWhenTheyAreInFrame()
    {
        var person = (await TagsAsync("?kind=object")).Single(t => t.GetProperty("label").GetString() == "person");

        var seconds = person.GetProperty("start").GetDouble();
        seconds.ShouldBeInRange(E.PersonStart - 0.2, E.PersonStart + 1.5);
        person.GetProperty("timecodeIn").GetString().ShouldBe(Timecode.FromSeconds(seconds, Rate, "01:00:00:00"));
        person.GetProperty("source").GetString().ShouldBe("human");
        (await TagsAsync("?kind=face")).ShouldContain(f => f.GetProperty("value").GetDouble() == 1);
    }

    [Test]
    public async Task Tags_AreInTimeOrderWithEveryField()
    {
        var tags = await TagsAsync("");

        tags.Select(t => t.GetProperty("start").GetDouble()).ShouldBeInOrder();
        tags.Select(t => t.GetProperty("kind").GetString()).Distinct().ShouldBe(["shot", "slate", "text", "object", "face", "qc"], ignoreOrder: true);
        var black = tags.First(t => t.GetProperty("kind").GetString() == "qc" && t.GetProperty("label").GetString() == "black");
        black.GetProperty("timecodeIn").GetString().ShouldBe("01:00:00:00");
        black.GetProperty("timecodeOut").GetString().ShouldBe("01:00:00:19", "black for 0.8 s: frames 0 to 19 at 25 fps");
        foreach (var field in new[] { "confidence", "value", "detail", "end", "timecodeOut" })
        {
            black.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
    }

    [Test]
    public void Asset_ShowsTheQcVerdictWithLoudnessAndFindingsInWords()
    {
        var qc = _detail.GetProperty("qc");

        qc.GetProperty("status").GetString().ShouldBe("warning");
        qc.GetProperty("integratedLufs").GetDouble().ShouldBeInRange(-40, -25);
        qc.GetProperty("truePeakDbtp").GetDouble().ShouldBeLessThan(-1);
        var summary = qc.GetProperty("summary").EnumerateArray().Select(l => l.GetString()).ToList();
        summary.ShouldContain("Black for 0.8 s at the head");
        _detail.GetProperty("tagsUrl").GetString().ShouldBe($"/api/assets/{_asset}/tags");
    }

    [Test]
    public void Asset_NamesTheContainerAsEditorsDo_AndKeepsFfprobesFormatName()
    {
        var technical = _detail.GetProperty("technical");

        technical.GetProperty("container").GetString().ShouldBe("QuickTime", "the clip is A001C001.mov");
        technical.GetProperty("formatName").GetString().ShouldBe("mov,mp4,m4a,3gp,3g2,mj2");
    }

    [Test]
    public async Task Tags_OfAnUnknownKindOrAsset_AreAPlainProblem()
    {
        (await _client.GetAsync($"/api/assets/{_asset}/tags?kind=colour")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _client.GetAsync($"/api/assets/{Guid.NewGuid()}/tags")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Ready_OnTheEmbeddedDefaults_ReportsTheAnalysisHealthy()
    {
        var ready = await _client.GetFromJsonAsync<JsonElement>("/health/ready");

        var analysis = ready.GetProperty("checks").GetProperty("analysis");
        analysis.GetProperty("status").GetString().ShouldBe("Healthy");
        analysis.GetProperty("description").GetString()!.ShouldContain("objects and faces");
    }

    [Test]
    public async Task Ready_WhenTheVisionPackagesAreNotInstalled_SaysToRunNpmCi()
    {
        using var empty = new TempFolder("no-vision");
        await File.WriteAllTextAsync(empty.File("server.js"), "// the script without its packages");
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Analysis:Vision:Directory"] = empty.Path });
        using var client = api.CreateReader();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var description = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").GetProperty("analysis").GetProperty("description").GetString();
        description!.ShouldContain($"Run \"npm ci\" in {empty.Path}");
    }

    [Test]
    public async Task Ready_OnAnApiInFrontOfSeparateWorkers_DoesNotNeedTheVisionPackages()
    {
        using var empty = new TempFolder("no-vision-api-only");
        using var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Workers:Embedded"] = "false",
            ["Analysis:Vision:Directory"] = empty.Path,
        });
        using var client = api.CreateReader();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").TryGetProperty("analysis", out _).ShouldBeFalse("the API does not analyse clips itself");
    }

    private async Task<List<JsonElement>> TagsAsync(string query) =>
        (await _client.GetFromJsonAsync<JsonElement>($"/api/assets/{_asset}/tags{query}")).EnumerateArray().ToList();

    private static long Frames(string timecode) => Timecode.Parse(timecode, Rate).ToFrames(Rate);

    private static JsonElement Stage(JsonElement asset, string name) =>
        asset.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == name);

    internal static async Task<Guid> UploadCardAsync(HttpClient client, string project, string card, string clip)
    {
        var bytes = await File.ReadAllBytesAsync(clip);
        var path = $"Clips/{Path.GetFileName(clip)}";
        (await CardRegistrationTests.Upload(client, project, card, path, bytes)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var register = await client.PostAsJsonAsync("/api/cards", new
        {
            project,
            name = card,
            dit = "Test DIT",
            offloadedAt = DateTimeOffset.UtcNow,
            files = new[] { new { path, size = (long)bytes.Length, hashes = new Dictionary<string, string> { ["xxh64"] = CardRegistrationTests.Xxh64Of(bytes) } } },
        });
        register.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await register.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("assets").EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    internal static async Task<JsonElement> WaitForPipelineAsync(HttpClient client, Guid asset)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        JsonElement detail;
        do
        {
            await Task.Delay(500);
            detail = await client.GetFromJsonAsync<JsonElement>($"/api/assets/{asset}");
        }
        while (detail.GetProperty("state").GetString() == "processing" && DateTime.UtcNow < deadline);
        return detail;
    }
}
