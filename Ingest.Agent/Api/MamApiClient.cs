using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Contracts.Cards;
using Mam.Contracts.Uploads;
using Polly;
using Polly.Retry;

namespace Ingest.Agent.Api;

/// <summary>
/// The two calls the agent makes: upload a verified file, then register the card. Transient
/// failures (no connection, timeouts, 408, 429, 5xx) are retried with exponential backoff and
/// jitter; everything else is reported as is. Registration is retried too: the API is expected to
/// treat a repeated registration of the same project/card as the same card.
/// </summary>
public sealed partial class MamApiClient : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;
    private readonly MamApiSettings _settings;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public MamApiClient(MamApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        var baseAddress = settings.BaseAddress.AbsoluteUri.EndsWith('/') ? settings.BaseAddress : new Uri(settings.BaseAddress.AbsoluteUri + "/");
        // The overall timeout covers streaming a whole clip; a dead host is caught sooner by the connect timeout.
        var handler = new SocketsHttpHandler { ConnectTimeout = settings.Timeout < ConnectTimeout ? settings.Timeout : ConnectTimeout };
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = settings.Timeout };
        _pipeline = BuildPipeline(settings);
    }

    public async Task<UploadedFile> UploadFileAsync(
        string project,
        string card,
        string relativePath,
        string localPath,
        string xxh64,
        CancellationToken cancellationToken)
    {
        var path = "api/cards/" + Uri.EscapeDataString(project) + "/" + Uri.EscapeDataString(card) + "/files/"
            + string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));
        using var response = await SendAsync(
            () =>
            {
                // A fresh stream per attempt: the body is streamed from disk, never held in memory.
                var content = new StreamContent(new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                var request = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = content };
                request.Headers.Add("X-Content-XXH64", xxh64);
                return request;
            },
            $"upload {relativePath}",
            cancellationToken).ConfigureAwait(false);

        var uploaded = await response.Content.ReadFromJsonAsync(AgentJson.Default.UploadedFile, cancellationToken).ConfigureAwait(false)
            ?? throw new MamApiException($"upload {relativePath}: the API answered {(int)response.StatusCode} without a body");
        if (!string.Equals(uploaded.Xxh64, xxh64, StringComparison.OrdinalIgnoreCase))
        {
            throw new MamApiException($"upload {relativePath}: the API stored xxh64 {uploaded.Xxh64}, the verified copy has {xxh64}");
        }

        return uploaded;
    }

    public async Task<RegisterCardResponse> RegisterCardAsync(RegisterCardRequest card, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri("api/cards", UriKind.Relative)) { Content = JsonContent.Create(card, AgentJson.Default.RegisterCardRequest) },
            $"register card {card.Name}",
            cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(AgentJson.Default.RegisterCardResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new MamApiException($"register card {card.Name}: the API answered {(int)response.StatusCode} without a body");
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string what, CancellationToken cancellationToken) =>
        SendAsync(createRequest, what, withToken: true, cancellationToken);

    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string what, bool withToken, CancellationToken cancellationToken) =>
        SendAsync(createRequest, what, withToken, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <param name="withToken">False for presigned storage URLs: they carry their own grant and must never see the token.</param>
    /// <param name="completion">ResponseHeadersRead to stream a large body instead of buffering it.</param>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string what, bool withToken, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = createRequest();
                    if (withToken)
                    {
                        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _settings.Token);
                    }

                    return await _http.SendAsync(request, completion, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new MamApiException($"{what}: {ex.Message}", null, null, unreachable: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MamApiException($"{what}: no answer within {_settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", null, null, unreachable: true, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var explanation = problem is null
                ? response.ReasonPhrase
                : string.Join(": ", new[] { problem.Title, problem.Detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var who = problem?.Type == StoreErrorType ? "the object store" : "the API";
            throw new MamApiException($"{what}: {who} answered {status.ToString(CultureInfo.InvariantCulture)} {explanation}", status, problem, unreachable: false);
        }
    }

    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.TrimStart().StartsWith('<'))
            {
                // An object store behind a presigned URL answers in S3's XML: <Error><Code>BadDigest</Code><Message>…
                return StoreError(body, (int)response.StatusCode);
            }
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, AgentJson.Default.ProblemDetails);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemDetails? StoreError(string xml, int status)
    {
        var code = System.Text.RegularExpressions.Regex.Match(xml, "<Code>([^<]*)</Code>", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        var message = System.Text.RegularExpressions.Regex.Match(xml, "<Message>([^<]*)</Message>", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return code.Success
            ? new ProblemDetails(System.Net.WebUtility.HtmlDecode(code.Groups[1].Value), message.Success ? System.Net.WebUtility.HtmlDecode(message.Groups[1].Value) : null, status, StoreErrorType)
            : null;
    }

    /// <summary><see cref="ProblemDetails.Type"/> of an error the object store answered (its code is the title).</summary>
    public const string StoreErrorType = "object-store";

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(MamApiSettings settings)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                // Capped, so a larger --api-retries waits longer in steps a DIT can reason about (an API restart, a switch reboot).
                MaxDelay = MamApiSettings.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(ex => ex.InnerException is TimeoutException)
                    .HandleResult(r => IsTransient(r.StatusCode)),
            });
        }

        return builder.Build();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
