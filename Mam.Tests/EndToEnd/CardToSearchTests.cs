using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ingest.Agent.Commands;
using Mam.Media.Probing;
using Mam.Media.Timecodes;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.EndToEnd;

/// <summary>The main job on the embedded defaults, with nothing faked: a generated card is offloaded
/// by the real agent to two destinations and uploaded to the real API over a socket; ffprobe, ffmpeg
/// and pocketsphinx process it; the search answers with the clip and the timecode.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class CardToSearchTests
{
    private const string Sentence = TestMedia.DefaultSentence; // "please bring the green bag to the kitchen before dinner"
    private const double SpokenAt = 4.0;

    private TempFolder _work = null!;
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;
    private string _agentOutput = "";
    private int _agentExitCode;
    private Dictionary<string, JsonElement> _assets = [];

    [OneTimeSetUp]
    public async Task OffloadACardAndWaitForThePipeline()
    {
        _work = new TempFolder("e2e");
        var card = Directory.CreateDirectory(_work.Combine("card", "B002R3CD")).FullName;
        var clips = Directory.CreateDirectory(Path.Combine(card, "Clips")).FullName;
        await TestMedia.MakeSpeechClipAsync(clips, "B002C001 take 1.mov", Sentence, SpokenAt, 10, CancellationToken.None);
        await TestMedia.MakeClipWithoutAudioAsync(clips, "B002C002_broll.mov", 4, CancellationToken.None);
        await TestMedia.MakeRandomBytesFileAsync(clips, "B002C003_corrupt.mov", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(clips, "B002C001 take 1.xml"), "<clip scene=\"12\" take=\"1\"/>");

        _api = new MamApiFactory(realSocket: true);
        _client = _api.CreateWriter();
        using var output = new StringWriter();
        _agentExitCode = await AgentCli.RunAsync(
            ["offload", card, "--dest", _work.Combine("raid"), "--dest", _work.Combine("shuttle"),
             "--project", "Feature Film", "--api", _api.BaseUri.ToString(), "--token", _api.AdminToken, "--dit", "Test DIT"],
            output, output, CancellationToken.None);
        _agentOutput = output.ToString();

        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>("/api/assets?project=Feature%20Film");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            _assets = items.ToDictionary(a => a.GetProperty("clipName").GetString()!, a => a);
            if (items.Count == 3 && items.All(a => a.GetProperty("state").GetString() != "processing"))
            {
                return;
            }
            await Task.Delay(500);
        }
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _client.Dispose();
        _api.Dispose();
        _work.Dispose();
    }

    [Test]
    public void Offload_OfACardWithACorruptClip_StillCopiesVerifiesAndRegistersEveryFile()
    {
        _agentExitCode.ShouldBe(0, _agentOutput);
        foreach (var destination in new[] { "raid", "shuttle" })
        {
            Directory.GetFiles(_work.Combine(destination, "B002R3CD", "ascmhl"), "0001_B002R3CD_*.mhl").Length.ShouldBe(1);
            File.ReadAllBytes(_work.Combine(destination, "B002R3CD", "Clips", "B002C001 take 1.mov"))
                .ShouldBe(File.ReadAllBytes(_work.Combine("card", "B002R3CD", "Clips", "B002C001 take 1.mov")));
        }
        _assets.Keys.ShouldBe(["B002C001 take 1", "B002C002_broll", "B002C003_corrupt"], ignoreOrder: true);
    }

    [Test]
    public async Task Upload_OfEveryFile_WentThroughAVerifiedResumableSession()
    {
        var factory = _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var files = await db.CardFiles.Select(f => f.StorageKey).ToListAsync();
        var sessions = await db.UploadSessions.Where(u => u.Status == UploadStatus.Complete).Select(u => u.StorageKey).ToListAsync();

        files.Count.ShouldBeGreaterThan(4, "clips, sidecar and the ASC MHL history");
        sessions.ShouldBe(files, ignoreOrder: true);
    }

    [Test]
    public void Pipeline_ForAFileFfprobeRejects_CataloguesTheFailureAndTheOtherClipsGoOn()
    {
        var corrupt = _assets["B002C003_corrupt"];
        corrupt.GetProperty("state").GetString().ShouldBe("failed");
        var probe = Stage(corrupt, "probe");
        probe.GetProperty("status").GetString().ShouldBe("failed");
        probe.GetProperty("lastError").GetString()!.ShouldContain("ffprobe could not read 'B002C003_corrupt.mov'");
        probe.GetProperty("retryUrl").GetString().ShouldNotBeNull();

        _assets["B002C001 take 1"].GetProperty("state").GetString().ShouldBe("ready");
        _assets["B002C002_broll"].GetProperty("state").GetString().ShouldBe("ready");
    }

    [Test]
    public void Pipeline_ForAClipWithoutAudio_SkipsTranscriptionInsteadOfFailing()
    {
        var broll = _assets["B002C002_broll"];
        var transcribe = Stage(broll, "transcribe");
        transcribe.GetProperty("status").GetString().ShouldBe("skipped");
        transcribe.GetProperty("note").GetString()!.ShouldContain("no audio");
        Stage(broll, "proxy").GetProperty("status").GetString().ShouldBe("done");
        Stage(broll, "index").GetProperty("status").GetString().ShouldBe("done");
    }

    [Test]
    public async Task Search_ForASpokenPhrase_FindsTheClipAtTheTimecodeWhereItIsSpoken()
    {
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString("\"bring the green\""));

        var hit = result.GetProperty("hits").EnumerateArray().First();
        hit.GetProperty("clipName").GetString().ShouldBe("B002C001 take 1");
        hit.GetProperty("card").GetString().ShouldBe("B002R3CD");
        hit.GetProperty("snippet").GetString()!.ShouldContain("<mark>bring the green</mark>");
        var start = hit.GetProperty("start").GetDouble();
        start.ShouldBeInRange(SpokenAt - 0.2, SpokenAt + 1.0);
        // The clip starts at 01:00:00:00 at 25 fps: the hit lands on that clock, within a second of the line.
        var rate = new FrameRate(25, 1);
        var timecodeIn = Timecode.Parse(hit.GetProperty("timecodeIn").GetString()!, rate);
        var spoken = Timecode.Parse(Timecode.FromSeconds(SpokenAt, rate, "01:00:00:00"), rate);
        Math.Abs(timecodeIn.ToFrames(rate) - spoken.ToFrames(rate)).ShouldBeLessThanOrEqualTo(25);
    }

    [Test]
    public async Task Renditions_OfAProcessedClip_AreAPlayableProxyAPosterAndAFilmstrip()
    {
        var id = _assets["B002C001 take 1"].GetProperty("id").GetGuid();

        var proxy = await _client.GetAsync($"/api/assets/{id}/proxy");
        var poster = await _client.GetAsync($"/api/assets/{id}/poster");
        var filmstrip = await _client.GetAsync($"/api/assets/{id}/filmstrip");
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/assets/{id}/proxy") { Headers = { Range = new(0, 99) } };
        var partial = await _client.SendAsync(ranged);

        proxy.Content.Headers.ContentType!.MediaType.ShouldBe("video/mp4");
        var bytes = await proxy.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 4, 4).ShouldBe("ftyp");
        poster.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await poster.Content.ReadAsByteArrayAsync())[..2].ShouldBe(new byte[] { 0xFF, 0xD8 });
        filmstrip.StatusCode.ShouldBe(HttpStatusCode.OK);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).Length.ShouldBe(100);
    }

    [Test]
    public async Task Transcript_OfAProcessedClip_HasWordTimingsTimecodesAndAWebVttExport()
    {
        var id = _assets["B002C001 take 1"].GetProperty("id").GetGuid();

        var transcript = await _client.GetFromJsonAsync<JsonElement>($"/api/assets/{id}/transcript");
        var vtt = await _client.GetStringAsync($"/api/assets/{id}/transcript.vtt");

        transcript.GetProperty("engine").GetString().ShouldBe("pocketsphinx");
        var words = transcript.GetProperty("segments").EnumerateArray().SelectMany(s => s.GetProperty("words").EnumerateArray()).ToList();
        words.Select(w => w.GetProperty("word").GetString()).ShouldContain("kitchen");
        words.First().GetProperty("start").GetDouble().ShouldBeGreaterThan(SpokenAt - 0.2);
        transcript.GetProperty("segments")[0].GetProperty("timecodeIn").GetString()!.ShouldStartWith("01:00:0");
        vtt.ShouldStartWith("WEBVTT");
        vtt.ShouldContain("kitchen");
    }

    [Test]
    public async Task Retry_OfAFailedStage_RunsItAgainWithTheReasonRecorded_AndAnUnknownStageIsRefusedByName()
    {
        var corrupt = _assets["B002C003_corrupt"].GetProperty("id").GetGuid();

        var retry = await _client.PostAsync($"/api/assets/{corrupt}/stages/probe/retry?reason=card%20re-read", null);
        var unknown = await _client.PostAsync($"/api/assets/{corrupt}/stages/probes/retry", null);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        var operation = await retry.Content.ReadFromJsonAsync<JsonElement>();
        operation.GetProperty("reason").GetString().ShouldBe("card re-read");
        operation.GetProperty("stagesRequeued").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Unknown stage 'probes'. Stages: probe, transcribe, index-dialogue, proxy");
        JsonElement probe = default;
        for (var i = 0; i < 60; i++)
        {
            var asset = await _client.GetFromJsonAsync<JsonElement>($"/api/assets/{corrupt}");
            probe = Stage(asset, "probe");
            if (probe.GetProperty("status").GetString() == "failed")
            {
                break;
            }
            await Task.Delay(250);
        }
        probe.GetProperty("status").GetString().ShouldBe("failed", "the file is still corrupt, so the re-run fails again");
        probe.GetProperty("attempts").GetInt32().ShouldBe(1);
    }

    [Test]
    public async Task ARenditionDeletedFromStorage_IsReportedByReadiness_AndRebuiltByItsStage_AndOneAskedForIsRebuiltToo()
    {
        var take = _assets["B002C001 take 1"].GetProperty("id").GetGuid();
        var store = _api.Services.GetRequiredService<IObjectStore>();
        var catalog = _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        async Task<string> KeyOf(RenditionKind kind)
        {
            await using var db = await catalog.CreateDbContextAsync();
            return await db.Renditions.Where(r => r.AssetId == take && r.Kind == kind).Select(r => r.StorageKey).SingleAsync();
        }

        // Found by the storage check.
        await store.DeleteAsync(await KeyOf(RenditionKind.Poster), CancellationToken.None);
        var ready = await _client.GetAsync("/health/ready");
        var renditions = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("renditions");
        renditions.GetProperty("status").GetString().ShouldBe("Degraded");
        renditions.GetProperty("description").GetString()!.ShouldContain("1 rendition(s) missing from storage (poster of B002C001 take 1); being rebuilt");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, "a missing poster does not take the API out of the load balancer");
        (await WaitForAsync($"/api/assets/{take}/poster")).ShouldBe(HttpStatusCode.OK);

        // Found by a player asking for it: 503 with the reason, then back.
        await store.DeleteAsync(await KeyOf(RenditionKind.Filmstrip), CancellationToken.None);
        using var gone = await _client.GetAsync($"/api/assets/{take}/filmstrip");
        gone.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await gone.Content.ReadAsStringAsync()).ShouldContain("was missing from storage and is being made again");
        (await WaitForAsync($"/api/assets/{take}/filmstrip")).ShouldBe(HttpStatusCode.OK);

        var operations = await _client.GetFromJsonAsync<JsonElement>($"/api/pipeline/operations?asset={take}");
        operations.EnumerateArray().Select(o => o.GetProperty("reason").GetString()).ShouldBe(
            ["The filmstrip was missing from storage when it was asked for.", "Missing from storage, found by the storage check."]);
        operations.EnumerateArray().ShouldAllBe(o => o.GetProperty("kind").GetString() == "rebuild" && o.GetProperty("missingFound").GetInt32() == 1);
        var after = (await _client.GetFromJsonAsync<JsonElement>("/health/ready")).GetProperty("checks").GetProperty("renditions");
        after.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    private async Task<HttpStatusCode> WaitForAsync(string url)
    {
        var status = HttpStatusCode.NotFound;
        for (var i = 0; i < 240 && status != HttpStatusCode.OK; i++)
        {
            await Task.Delay(500);
            using var response = await _client.GetAsync(url);
            status = response.StatusCode;
        }
        return status;
    }

    private static JsonElement Stage(JsonElement asset, string name) =>
        asset.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == name);
}
