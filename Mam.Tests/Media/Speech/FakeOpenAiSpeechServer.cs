using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Media.Speech;

/// <summary>A STAND-IN for a GPU speech server (faster-whisper-server, whisper.cpp --server, OpenAI):
/// no such server runs here. A real HTTP listener on 127.0.0.1 answering
/// <c>POST /v1/audio/transcriptions</c>. In <see cref="Behaviour.Script"/> mode it reads the WAV it was
/// sent, finds the stretches with sound (20 ms RMS above -40 dBFS), and "hears" the next sentence of
/// the fixture's known script in each, its words spread evenly over the stretch — so times are real
/// and phrases follow the audio. Other modes answer garbage, 503, or never answer.</summary>
public sealed class FakeOpenAiSpeechServer : IAsyncDisposable
{
    public enum Behaviour
    {
        Script,
        NotJson,
        MissingFields,
        TimesOutsideTheAudio,
        Unavailable,
        Unauthorized,
        Hang,
    }

    /// <summary>Where the words go in the answer: inside segments (faster-whisper-server, whisper.cpp),
    /// beside them (OpenAI), or words only (timestamp_granularities=word).</summary>
    public enum Shape
    {
        SegmentsWithWords,
        WordsBesideSegments,
        WordsOnly,
    }

    public sealed record Received(string? Model, string? ResponseFormat, IReadOnlyList<string> Granularities, string? Authorization, long FileBytes, double FileSeconds);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IReadOnlyList<string> _script;
    private int _nextLine;

    private FakeOpenAiSpeechServer(WebApplication app, IReadOnlyList<string> script)
    {
        _app = app;
        _script = script;
    }

    public Behaviour Mode { get; set; } = Behaviour.Script;

    public Shape AnswerShape { get; set; } = Shape.SegmentsWithWords;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Runs as each request arrives, while the caller waits for the answer (e.g. to look at
    /// the caller's scratch files at that moment).</summary>
    public Action? OnRequest { get; set; }

    /// <summary>The API root to configure as Speech:OpenAi:BaseUrl.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeOpenAiSpeechServer> StartAsync(IReadOnlyList<string> script, Behaviour mode = Behaviour.Script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new FakeOpenAiSpeechServer(app, script) { Mode = mode };
        app.MapPost("/v1/audio/transcriptions", async context => await (await server.AnswerAsync(context)).ExecuteAsync(context));
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First() + "/v1");
        return server;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        OnRequest?.Invoke();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["file"];
        byte[] wav;
        using (var buffer = new MemoryStream())
        {
            if (file is not null)
            {
                await file.CopyToAsync(buffer, context.RequestAborted);
            }
            wav = buffer.ToArray();
        }
        var audio = Wav.Read(wav);
        Requests.Enqueue(new Received(form["model"], form["response_format"], form["timestamp_granularities[]"].Select(g => g ?? "").ToList(),
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, wav.Length, audio.Seconds));

        switch (Mode)
        {
            case Behaviour.NotJson:
                return Results.Content("<html><body>502 Bad Gateway (nginx)</body></html>", "text/html");
            case Behaviour.MissingFields:
                return Results.Json(new { status = "ok", result = "done" });
            case Behaviour.TimesOutsideTheAudio:
                return Results.Json(new { text = "hello", segments = new[] { new { start = audio.Seconds + 30, end = audio.Seconds + 31, text = "hello" } } });
            case Behaviour.Unavailable:
                return Results.Problem("model is loading", statusCode: StatusCodes.Status503ServiceUnavailable);
            case Behaviour.Unauthorized:
                return Results.Json(new { error = new { message = "Incorrect API key provided" } }, statusCode: StatusCodes.Status401Unauthorized);
            case Behaviour.Hang:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    await Task.Delay(Timeout.Infinite, both.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
            default:
                return Results.Text(Transcribe(audio), "application/json");
        }
    }

    private string Transcribe(Wav audio)
    {
        var segments = new List<object>();
        var allWords = new List<object>();
        foreach (var (start, end) in audio.SoundStretches())
        {
            var index = Interlocked.Increment(ref _nextLine) - 1;
            var sentence = _script[index % _script.Count];
            var words = sentence.Split(' ');
            var step = (end - start) / words.Length;
            var timed = words.Select((w, i) => new { word = " " + w, start = Round(start + (i * step)), end = Round(start + ((i + 1) * step)), probability = 0.93 }).ToList();
            allWords.AddRange(timed.Select(w => new { w.word, w.start, w.end }));
            segments.Add(AnswerShape == Shape.SegmentsWithWords
                ? (object)new { id = segments.Count, start = Round(start), end = Round(end), text = " " + sentence, avg_logprob = -0.25, no_speech_prob = 0.01, words = timed }
                : new { id = segments.Count, start = Round(start), end = Round(end), text = " " + sentence, avg_logprob = -0.25, no_speech_prob = 0.01, words = (object?)null });
        }
        object answer = AnswerShape switch
        {
            Shape.WordsOnly => new { task = "transcribe", language = "english", duration = audio.Seconds, text = "", words = allWords },
            Shape.WordsBesideSegments => new { task = "transcribe", language = "english", duration = audio.Seconds, text = "", segments, words = allWords },
            _ => new { task = "transcribe", language = "english", duration = audio.Seconds, text = "", segments },
        };
        return JsonSerializer.Serialize(answer);
    }

    private static double Round(double seconds) => Math.Round(seconds, 2);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>Just enough of RIFF/WAVE to read 16-bit PCM mono, which is what the engine sends.</summary>
    private sealed class Wav(short[] samples, int sampleRate)
    {
        public double Seconds => sampleRate == 0 ? 0 : (double)samples.Length / sampleRate;

        public static Wav Read(byte[] bytes)
        {
            var rate = 0;
            for (var at = 12; at + 8 <= bytes.Length;)
            {
                var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
                var size = BitConverter.ToInt32(bytes, at + 4);
                if (id == "fmt ")
                {
                    rate = BitConverter.ToInt32(bytes, at + 12);
                }
                else if (id == "data")
                {
                    var length = Math.Min(size < 0 ? int.MaxValue : size, bytes.Length - at - 8) / 2;
                    var samples = new short[length];
                    Buffer.BlockCopy(bytes, at + 8, samples, 0, length * 2);
                    return new Wav(samples, rate);
                }
                at += 8 + size + (size % 2);
            }
            return new Wav([], rate);
        }

        /// <summary>Runs of 20 ms frames louder than -40 dBFS, joined across gaps under 0.4 s.</summary>
        public IEnumerable<(double Start, double End)> SoundStretches()
        {
            if (sampleRate == 0)
            {
                yield break;
            }
            var frame = sampleRate / 50;
            double? start = null;
            double lastLoud = 0;
            for (var at = 0; at + frame <= samples.Length; at += frame)
            {
                double sum = 0;
                for (var i = at; i < at + frame; i++)
                {
                    sum += (double)samples[i] * samples[i];
                }
                var rms = Math.Sqrt(sum / frame) / 32768.0;
                var time = (double)at / sampleRate;
                if (rms > 0.01)
                {
                    start ??= time;
                    lastLoud = time + (1.0 / 50);
                }
                else if (start is { } s && time - lastLoud > 0.4)
                {
                    yield return (s, lastLoud);
                    start = null;
                }
            }
            if (start is { } open)
            {
                yield return (open, lastLoud);
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"FakeOpenAiSpeechServer {BaseUrl} ({Mode})");
}
