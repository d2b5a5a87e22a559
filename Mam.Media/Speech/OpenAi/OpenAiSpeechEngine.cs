using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Mam.Media.Speech.OpenAi;

/// <summary>Speech-to-text on a server speaking OpenAI's <c>POST {base}/audio/transcriptions</c>
/// (multipart: file, model, response_format=verbose_json, timestamp_granularities[]=word and segment):
/// OpenAI, faster-whisper-server, whisper.cpp's server — typically a GPU machine in the facility.
/// An unreachable, overloaded or slow server is retried a few times, then reported as
/// <see cref="HttpRequestException"/>/<see cref="TimeoutException"/> so the stage is handed back and
/// retried later; a refusal or an unusable answer is a <see cref="SpeechEngineException"/>.</summary>
public sealed class OpenAiSpeechEngine : ISpeechEngine
{
    public const string HttpClientName = "speech-openai";

    /// <summary>A verbose_json answer for 10 minutes of speech is ~1 MB; far more is not a transcription.</summary>
    private const int MaxAnswerBytes = 32 * 1024 * 1024;

    /// <summary>A 16 kHz mono 16-bit WAV: 32,000 bytes per second plus its 44-byte header.</summary>
    private const double WavBytesPerSecond = 32_000;
    private const int WavHeaderBytes = 44;

    private readonly IHttpClientFactory clients;
    private readonly OpenAiSpeechOptions options;
    private readonly ILogger<OpenAiSpeechEngine> logger;
    private readonly ResiliencePipeline retry;

    public OpenAiSpeechEngine(IHttpClientFactory clients, IOptions<SpeechOptions> options, ILogger<OpenAiSpeechEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clients = clients;
        this.options = options.Value.OpenAi;
        this.logger = logger;
        Server = DisplayServer(this.options.BaseUrl);
        retry = BuildRetry();
    }

    public string Name => $"openai:{options.Model}";

    /// <summary>The server as error messages name it: the configured base URL without credentials.</summary>
    public string Server { get; }

    public double MaxChunkSeconds =>
        Math.Max(1, Math.Min(options.MaxChunkSeconds, Math.Floor((options.MaxUploadBytes - WavHeaderBytes) / WavBytesPerSecond)));

    public async Task<IReadOnlyList<TranscriptSegmentData>> TranscribeAsync(SpeechChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var size = new FileInfo(chunk.WavPath).Length;
        if (size > options.MaxUploadBytes)
        {
            throw new SpeechEngineException(string.Create(CultureInfo.InvariantCulture,
                $"A {chunk.DurationSeconds:0.#} s piece is {size} bytes, more than Speech:OpenAi:MaxUploadBytes ({options.MaxUploadBytes}) allows for {Server}."));
        }
        return await retry.ExecuteAsync(async token => await SendAsync(chunk, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TranscriptSegmentData>> SendAsync(SpeechChunk chunk, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        await using var audio = File.OpenRead(chunk.WavPath);
        var file = new StreamContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "speech.wav");
        form.Add(new StringContent(options.Model), "model");
        form.Add(new StringContent("verbose_json"), "response_format");
        form.Add(new StringContent("word"), "timestamp_granularities[]");
        form.Add(new StringContent("segment"), "timestamp_granularities[]");
        form.Add(new StringContent("0"), "temperature");
        if (!string.IsNullOrWhiteSpace(options.Language))
        {
            form.Add(new StringContent(options.Language), "language");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint()) { Content = form };
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
            ThrowUnlessSuccess(response, body);
            return OpenAiTranscriptionParser.Parse(body, chunk.DurationSeconds, Server);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The speech server at {Server} did not answer within {options.Timeout} (Speech:OpenAi:Timeout).");
        }
        catch (HttpRequestException ex) when (ex.StatusCode is null)
        {
            throw new HttpRequestException($"The speech server at {Server} is unreachable: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new HttpRequestException($"The speech server at {Server} dropped the connection: {ex.Message}", ex);
        }
    }

    private void ThrowUnlessSuccess(HttpResponseMessage response, string body)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"The speech server at {Server} is unavailable: {status} {OpenAiTranscriptionParser.Snippet(body)}",
                null, response.StatusCode);
        }
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => " Check Speech:OpenAi:ApiKey.",
            HttpStatusCode.NotFound => " Check Speech:OpenAi:BaseUrl (it should end in /v1) and Speech:OpenAi:Model.",
            HttpStatusCode.RequestEntityTooLarge => " Lower Speech:OpenAi:MaxUploadBytes or MaxChunkSeconds.",
            _ => "",
        };
        throw new SpeechEngineException($"The speech server at {Server} refused the audio: {status} {OpenAiTranscriptionParser.Snippet(body)}.{hint}");
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var block = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(block, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, 200)) + "…";
            }
            buffer.Write(block, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private Uri Endpoint() => new(options.BaseUrl!.TrimEnd('/') + "/audio/transcriptions", UriKind.Absolute);

    private ResiliencePipeline BuildRetry()
    {
        if (options.RetriesPerChunk == 0)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.RetriesPerChunk,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            MaxDelay = TimeSpan.FromMinutes(1),
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutException>(),
            OnRetry = args =>
            {
                logger.LogWarning("Speech server {Server} failed (attempt {Attempt}): {Reason}; retrying in {Delay}",
                    Server, args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    private static string DisplayServer(string? baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            return baseUrl ?? "(Speech:OpenAi:BaseUrl not set)";
        }
        // Never print credentials someone put in the URL.
        return new UriBuilder(uri) { UserName = "", Password = "", Query = "" }.Uri.ToString().TrimEnd('/');
    }
}
