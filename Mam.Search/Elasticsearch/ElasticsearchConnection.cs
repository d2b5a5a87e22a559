using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mam.Search.Elasticsearch;

/// <summary>Sends requests to the cluster and sorts failures into the two kinds callers act on:
/// <see cref="SearchUnavailableException"/> (unreachable, timed out, overloaded: retry later) and
/// everything else (a refused request: a configuration or mapping problem a person must fix).</summary>
internal sealed class ElasticsearchConnection(HttpClient http, ElasticsearchOptions options)
{
    public const string NdJson = "application/x-ndjson";

    public async Task<ElasticsearchAnswer> SendAsync(HttpMethod method, string path, string? body, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = null };
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", options.ApiKey.Trim());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var answer = new ElasticsearchAnswer(response.StatusCode, text);
            if (answer.IsUnavailable)
            {
                throw Unavailable($"Elasticsearch answered {(int)answer.Status} ({answer.Reason}).", new HttpRequestException(answer.Reason, null, answer.Status));
            }

            return answer;
        }
        catch (HttpRequestException e)
        {
            throw Unavailable($"Elasticsearch at {http.BaseAddress} cannot be reached ({e.Message}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"Elasticsearch at {http.BaseAddress} did not answer within {options.RequestTimeout}."), new HttpRequestException(e.Message, e));
        }
    }

    public Task<ElasticsearchAnswer> SendJsonAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        SendAsync(method, path, json, "application/json", cancellationToken);

    private static SearchUnavailableException Unavailable(string message, HttpRequestException inner) => new(message, inner);
}

/// <summary>A status and body from the cluster.</summary>
internal sealed record ElasticsearchAnswer(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Server-side trouble and back-pressure (429 = too many requests): temporary.</summary>
    public bool IsUnavailable => (int)Status >= 500 || Status == HttpStatusCode.TooManyRequests;

    /// <summary>error.reason of an Elasticsearch error body, else the start of the body.</summary>
    public string Reason
    {
        get
        {
            try
            {
                using var json = JsonDocument.Parse(Body);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return error.GetString()!;
                    }

                    var type = error.TryGetProperty("type", out var t) ? t.GetString() : null;
                    var reason = error.TryGetProperty("reason", out var r) ? r.GetString() : null;
                    return $"{type}: {reason}";
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page): fall through to the raw text.
            }

            var text = Body.Trim();
            return text.Length == 0 ? $"HTTP {(int)Status}" : text[..Math.Min(text.Length, 300)];
        }
    }
}
