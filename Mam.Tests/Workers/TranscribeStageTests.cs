using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Mam.Tests.Media.Speech;
using Mam.Tests.Support;

namespace Mam.Tests.Workers;

/// <summary>The transcribe stage inside the real pipeline (embedded API and workers), with pocketsphinx
/// or with the OpenAI-compatible engine pointed at <see cref="FakeOpenAiSpeechServer"/> (a stand-in for
/// a GPU speech server) or at a port where nothing listens.</summary>
[TestFixture]
[Category("Media")]
public sealed class TranscribeStageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private TempFolder _temp = null!;
    private string _ntscClip = null!;

    [OneTimeSetUp]
    public async Task MakeAnNtscClip()
    {
        _temp = new TempFolder("transcribe-stage");
        // 29.97 fps, drop-frame, starting two seconds before a minute whose first two labels are skipped.
        _ntscClip = await SpeechMedia.MakeDropFrameClipAsync(_temp.Path, "N001C003_DF.mov", "01:00:58;00",
            [new SpeechMedia.Line(2.5, SpeechMedia.Harbour)], seconds: 6, CancellationToken.None);
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    [Test]
    public async Task Transcribe_WhenTheSpeechServerIsUnreachable_IsRetriedThenFailsNamingTheServerAndTheProxyIsStillMade()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/v1";
        using var pipeline = new TranscribePipeline(OpenAi(url, ("Speech:OpenAi:RetriesPerChunk", "0"), ("Pipeline:MaxAttempts", "3")));
        var id = await pipeline.RegisterClipAsync(_ntscClip);

        var asset = await pipeline.WaitUntilSettledAsync(id, Patience);

        var transcribe = TranscribePipeline.Stage(asset, "transcribe");
        transcribe.GetProperty("status").GetString().ShouldBe("failed", asset.ToString());
        transcribe.GetProperty("attempts").GetInt32().ShouldBe(3);
        var error = transcribe.GetProperty("lastError").GetString()!;
        error.ShouldContain("Gave up after 3 attempts");
        error.ShouldContain($"The speech server at {url} is unreachable");
        TranscribePipeline.Stage(asset, "proxy").GetProperty("status").GetString().ShouldBe("done");
        asset.GetProperty("state").GetString().ShouldBe("failed");
    }

    [Test]
    public async Task Transcribe_WhenTheSpeechServerAnswersGarbage_FailsAtOnceWithTheServerNamed()
    {
        await using var server = await FakeOpenAiSpeechServer.StartAsync([SpeechMedia.Harbour], FakeOpenAiSpeechServer.Behaviour.NotJson);
        using var pipeline = new TranscribePipeline(OpenAi(server.BaseUrl.ToString().TrimEnd('/')));
        var id = await pipeline.RegisterClipAsync(_ntscClip);

        var asset = await pipeline.WaitUntilSettledAsync(id, Patience);

        var transcribe = TranscribePipeline.Stage(asset, "transcribe");
        transcribe.GetProperty("status").GetString().ShouldBe("failed", asset.ToString());
        transcribe.GetProperty("attempts").GetInt32().ShouldBe(1);
        transcribe.GetProperty("lastError").GetString()!.ShouldContain($"The speech server at {server.BaseUrl.ToString().TrimEnd('/')} answered something that is not JSON");
        TranscribePipeline.Stage(asset, "proxy").GetProperty("status").GetString().ShouldBe("done");
    }

    [Test]
    public async Task Pipeline_KeepsItsScratchFilesInTheWorkFolderUnderTheDataDirectory_AndLeavesItEmpty()
    {
        using var work = new TempFolder("work");
        await using var server = await FakeOpenAiSpeechServer.StartAsync([SpeechMedia.Harbour]);
        var piecesSeen = new List<string>();
        // While the speech server hears a piece, the piece is a file in the configured work folder.
        server.OnRequest = () => piecesSeen.AddRange(Directory.EnumerateFiles(work.Path, "*.wav", SearchOption.AllDirectories));
        using var pipeline = new TranscribePipeline(OpenAi(server.BaseUrl.ToString(), ("Mam:WorkDirectory", work.Path)));
        var id = await pipeline.RegisterClipAsync(_ntscClip);

        var asset = await pipeline.WaitUntilSettledAsync(id, Patience);

        asset.GetProperty("state").GetString().ShouldBe("ready", asset.ToString());
        piecesSeen.ShouldNotBeEmpty("the audio pieces are cut into the work folder, not /tmp");
        piecesSeen.ShouldAllBe(p => Path.GetFileName(Path.GetDirectoryName(p)!).StartsWith("transcribe-", StringComparison.Ordinal));
        ScratchLeft.In(work.Path).ShouldBeEmpty("every stage removes its scratch folder");
    }

    [Test]
    public async Task Transcribe_WithTheOpenAiEngine_StoresScoredPhrasesAndExportsDropFrameTimecodes()
    {
        await using var server = await FakeOpenAiSpeechServer.StartAsync([SpeechMedia.Harbour]);
        using var pipeline = new TranscribePipeline(OpenAi(server.BaseUrl.ToString()));
        var id = await pipeline.RegisterClipAsync(_ntscClip);

        var asset = await pipeline.WaitUntilSettledAsync(id, Patience);

        asset.GetProperty("state").GetString().ShouldBe("ready", asset.ToString());
        TranscribePipeline.Stage(asset, "transcribe").GetProperty("note").GetString()!.ShouldContain("1 phrases, 6 words (openai:whisper-1)");
        var transcript = await pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/assets/{id}/transcript");
        transcript.GetProperty("engine").GetString().ShouldBe("openai:whisper-1");
        var phrase = transcript.GetProperty("segments").EnumerateArray().ShouldHaveSingleItem();
        phrase.GetProperty("text").GetString().ShouldBe(SpeechMedia.Harbour);
        phrase.GetProperty("confidence").GetDouble().ShouldBe(0.93, 1e-6);
        // Spoken 2.5 s after 01:00:58;00 at 29.97: past the minute, where ;00 and ;01 do not exist.
        phrase.GetProperty("timecodeIn").GetString()!.ShouldStartWith("01:01:00;");

        var edl = await pipeline.Client.GetStringAsync($"/api/assets/{id}/markers.edl");
        edl.ShouldContain("FCM: DROP FRAME");
        edl.ShouldContain($"|M:{SpeechMedia.Harbour} |D:");
        edl.Split('\n')[3].ShouldMatch(@"^001  AX +V +C +01:01:00;\d\d 01:01:0\d;\d\d 01:01:00;\d\d 01:01:0\d;\d\d$");
        var srt = await pipeline.Client.GetStringAsync($"/api/assets/{id}/transcript.srt");
        srt.ShouldStartWith("1\r\n00:00:02,");
    }

    [Test]
    public async Task Transcribe_ForASilentClip_IsDoneWithNoPhrasesAndANoteThatItIsSilent()
    {
        var clip = await SpeechMedia.MakeSilentClipAsync(_temp.Path, "S001C009_MOS.mov", 4, CancellationToken.None);
        using var pipeline = new TranscribePipeline();
        var id = await pipeline.RegisterClipAsync(clip);

        var asset = await pipeline.WaitUntilSettledAsync(id, Patience);

        asset.GetProperty("state").GetString().ShouldBe("ready", asset.ToString());
        var transcribe = TranscribePipeline.Stage(asset, "transcribe");
        transcribe.GetProperty("status").GetString().ShouldBe("done");
        transcribe.GetProperty("note").GetString()!.ShouldContain("No speech recognised (pocketsphinx). The audio is silent throughout");
        asset.GetProperty("transcriptSegments").GetInt32().ShouldBe(0);
        var srt = await pipeline.Client.GetAsync($"/api/assets/{id}/transcript.srt");
        srt.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await srt.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    private static Dictionary<string, string> OpenAi(string baseUrl, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Speech:Engine"] = "OpenAi",
            ["Speech:OpenAi:BaseUrl"] = baseUrl,
            ["Speech:OpenAi:RetryDelay"] = "00:00:00.100",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
