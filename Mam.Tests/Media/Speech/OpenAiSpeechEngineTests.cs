using System.Net;
using System.Net.Sockets;
using Mam.Workers.Pipeline;
using Mam.Media.Speech;
using Mam.Tests.Support;

namespace Mam.Tests.Media.Speech;

/// <summary>The OpenAI-compatible engine against <see cref="FakeOpenAiSpeechServer"/>, a stand-in for a
/// GPU speech server listening on 127.0.0.1.</summary>
[TestFixture]
[Category("Media")]
public sealed class OpenAiSpeechEngineTests
{
    private static readonly string[] Script = [TestMedia.DefaultSentence, SpeechMedia.Harbour, SpeechMedia.Bridge];

    private TempFolder _temp = null!;
    private SpeechChunk _chunk = null!;

    [OneTimeSetUp]
    public async Task MakeAPieceOfSpeech()
    {
        _temp = new TempFolder("openai");
        var recording = await SpeechMedia.MakeLongRecordingAsync(_temp.Path, "line.flac", [new SpeechMedia.Line(1, SpeechMedia.Harbour)], 6, CancellationToken.None);
        var wav = _temp.File("piece.wav");
        await SpeechTestServices.Runner.RunAsync(TestMedia.Ffmpeg, ["-nostdin", "-v", "error", "-i", recording, "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", wav], CancellationToken.None);
        _chunk = new SpeechChunk(wav, 6);
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    [Test]
    public async Task Transcribe_SendsVerboseJsonWithWordAndSegmentTimestampsModelAndKey()
    {
        await using var server = await FakeOpenAiSpeechServer.StartAsync(Script);
        using var openAi = SpeechTestServices.OpenAi(server.BaseUrl, o => { o.Model = "Systran/faster-whisper-large-v3"; o.ApiKey = "sk-test"; });

        var phrases = await openAi.Engine.TranscribeAsync(_chunk, CancellationToken.None);

        var request = server.Requests.ShouldHaveSingleItem();
        request.Model.ShouldBe("Systran/faster-whisper-large-v3");
        request.ResponseFormat.ShouldBe("verbose_json");
        request.Granularities.ShouldBe(["word", "segment"], ignoreOrder: true);
        request.Authorization.ShouldBe("Bearer sk-test");
        request.FileSeconds.ShouldBe(6, 0.01);
        openAi.Engine.Name.ShouldBe("openai:Systran/faster-whisper-large-v3");
        var phrase = phrases.ShouldHaveSingleItem();
        phrase.Text.ShouldBe(TestMedia.DefaultSentence);
        phrase.Start.ShouldBe(1.2, 0.3);
        phrase.Confidence!.Value.ShouldBe(0.93, 1e-9);
    }

    [TestCase(FakeOpenAiSpeechServer.Shape.WordsBesideSegments)]
    [TestCase(FakeOpenAiSpeechServer.Shape.WordsOnly)]
    public async Task Transcribe_WhenWordsComeBesideOrWithoutSegments_StillTimesEveryWord(FakeOpenAiSpeechServer.Shape shape)
    {
        await using var server = await FakeOpenAiSpeechServer.StartAsync(Script);
        server.AnswerShape = shape;
        using var openAi = SpeechTestServices.OpenAi(server.BaseUrl);

        var phrases = await openAi.Engine.TranscribeAsync(_chunk, CancellationToken.None);

        var words = phrases.SelectMany(p => p.Words).ToList();
        words.Select(w => w.Word).ShouldBe(TestMedia.DefaultSentence.Split(' '));
        words.ShouldAllBe(w => w.Start >= 1 && w.End <= 6);
    }

    [Test]
    public async Task TranscribeClip_WhenTheServerScoresNothing_LeavesPhrasesUnscoredRatherThanZero()
    {
        // Words-only answers carry no probability: the markers must say "no score", not "check by ear".
        await using var server = await FakeOpenAiSpeechServer.StartAsync(Script);
        server.AnswerShape = FakeOpenAiSpeechServer.Shape.WordsOnly;
        using var openAi = SpeechTestServices.OpenAi(server.BaseUrl);

        var transcript = await SpeechTestServices.Transcriber(openAi.Engine).TranscribeAsync(_chunk.WavPath, CancellationToken.None);

        transcript.Segments.ShouldNotBeEmpty();
        transcript.Segments.ShouldAllBe(s => s.Confidence == null);
    }

    [Test]
    public async Task Transcribe_WhenTheServerAnswers503_RetriesThenReportsItUnavailableNamingTheServer()
    {
        await using var server = await FakeOpenAiSpeechServer.StartAsync(Script, FakeOpenAiSpeechServer.Behaviour.Unavailable);
        using var openAi = SpeechTestServices.OpenAi(server.BaseUrl, o => o.RetriesPerChunk = 2);

        var ex = await Should.ThrowAsync<HttpRequestException>(() => openAi.Engine.TranscribeAsync(_chunk, CancellationToken.None));

        server.Requests.Count.ShouldBe(3);
        ex.Message.ShouldContain($"The speech server at {openAi.Engine.Server} is unavailable: 503");
        TransientFailures.IsTransient(ex).ShouldBeTrue("the stage is handed back, not failed");
    }

    [Test]
    public async Task Transcribe_WhenNothingListens_ReportsTheServerUnreachable()
    {
        using var openAi = SpeechTestServices.OpenAi(new Uri($"http://127.0.0.1:{ClosedPort()}/v1"), o => o.RetriesPerChunk = 0);

        var ex = await Should.ThrowAsync<HttpRequestException>(() => openAi.Engine.TranscribeAsync(_chunk, CancellationToken.None));

        ex.Message.ShouldContain($"The speech server at {openAi.Engine.Server} is unreachable");
        TransientFailures.IsTransient(ex).ShouldBeTrue();
    }

    [Test]
    public async Task Transcribe_WhenTheServerNeverAnswers_GivesUpAfterTheTimeout()
    {
        await using var server = await FakeOpenAiSpeechServer.StartAsync(Script, FakeOpenAiSpeechServer.Behaviour.Hang);
        using var openAi = SpeechTestServices.OpenAi(server.BaseUrl, o => { o.RetriesPerChunk = 0; o.Timeout = TimeSpan.FromSeconds(1); });

        var ex = await Should.ThrowAsync<TimeoutException>(() => openAi.Engine.TranscribeAsync(_chunk, CancellationToken.None));

        ex.Message.ShouldContain($"The speech server at {openAi.Engine.Server} did not answer within 00:00:01");
        TransientFailures.IsTransient(ex).ShouldBeTrue();
    }

    [TestCase(FakeOpenAiSpeechServer.Behaviour.NotJson, "not JSON")]
    [TestCase(FakeOpenAiSpeechServer.Behaviour.MissingFields, "without \"text\", \"segments\" or \"words\"")]
    [TestCase(FakeOpenAiSpeechServer.Behaviour.TimesOutsideTheAudio, "outside the 6 s of audio it was sent")]
    [TestCase(FakeOpenAiSpeechServer.Behaviour.Unauthorized, "401 Unauthorized")]
    public async Task Transcribe_WhenTheServerAnswersGarbageOrRefuses_FailsAtOnceWithAClearMessage(FakeOpenAiSpeechServer.Behaviour behaviour, string expected)
    {
        await using var server = await FakeOpenAiSpeechServer.StartAsync(Script, behaviour);
        using var openAi = SpeechTestServices.OpenAi(server.BaseUrl, o => o.RetriesPerChunk = 2);

        var ex = await Should.ThrowAsync<SpeechEngineException>(() => openAi.Engine.TranscribeAsync(_chunk, CancellationToken.None));

        ex.Message.ShouldContain($"The speech server at {openAi.Engine.Server}");
        ex.Message.ShouldContain(expected);
        server.Requests.Count.ShouldBe(1, "a bad answer is not retried");
        TransientFailures.IsTransient(ex).ShouldBeFalse();
    }

    [Test]
    public async Task TranscribeClip_WithPiecesOfTwentySeconds_StitchesEveryLineAtItsTimeInTheClip()
    {
        using var temp = new TempFolder("openai-clip");
        SpeechMedia.Line[] lines = [new(5, TestMedia.DefaultSentence), new(31, SpeechMedia.Harbour), new(52, SpeechMedia.Bridge)];
        var clip = await SpeechMedia.MakeLongRecordingAsync(temp.Path, "scene.flac", lines, 60, CancellationToken.None);
        await using var server = await FakeOpenAiSpeechServer.StartAsync(Script);
        using var openAi = SpeechTestServices.OpenAi(server.BaseUrl, o => o.MaxChunkSeconds = 20);

        var transcript = await SpeechTestServices.Transcriber(openAi.Engine, openAi.Speech).TranscribeAsync(clip, CancellationToken.None);

        transcript.Engine.ShouldBe("openai:whisper-1");
        transcript.ChunksTranscribed.ShouldBe(3);
        server.Requests.ShouldAllBe(r => r.FileSeconds <= 20);
        transcript.Segments.Select(s => s.Text).ShouldBe(Script);
        for (var i = 0; i < lines.Length; i++)
        {
            transcript.Segments[i].Start.ShouldBe(lines[i].At + 0.2, 0.4, $"line {i + 1} is spoken at {lines[i].At} s");
            transcript.Segments[i].Words[0].Start.ShouldBe(transcript.Segments[i].Start, 0.05);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
