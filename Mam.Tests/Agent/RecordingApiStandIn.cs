using System.Collections.Concurrent;
using Mam.Integrity.Hashing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Agent;

/// <summary>
/// NOT the MAM API: a loopback stand-in that implements just the two agent endpoints as the
/// contract describes them and records exactly what the agent sends, so these tests can check the
/// wire format. The real API's end-to-end test lives with the API.
/// </summary>
public sealed class RecordingApiStandIn : IAsyncDisposable
{
    private const string UploadPrefix = "/api/cards/";
    private readonly WebApplication _app;
    private readonly string _apiKey;
    private int _transientFailuresLeft;

    private RecordingApiStandIn(WebApplication app, string apiKey)
    {
        _app = app;
        _apiKey = apiKey;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The first N uploads get 503, as a restarting server would answer.</summary>
    public int TransientUploadFailures
    {
        get => _transientFailuresLeft;
        set => _transientFailuresLeft = value;
    }

    /// <summary>An upload of this card path gets 422, as when the server's hash disagrees.</summary>
    public string? RejectUploadOf { get; set; }

    public static async Task<RecordingApiStandIn> StartAsync(string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new RecordingApiStandIn(app, apiKey);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address);
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(context.Request.Method, rawTarget, headers, body.ToArray()));

        if (!string.Equals(context.Request.Headers.Authorization, "Bearer " + _apiKey, StringComparison.Ordinal))
        {
            await Problem(context, 401, "Unauthorized", "A valid access token is required.");
            return;
        }

        if (HttpMethods.IsPut(context.Request.Method) && rawTarget.StartsWith(UploadPrefix, StringComparison.Ordinal))
        {
            await UploadAsync(context, rawTarget, body.ToArray());
        }
        else if (HttpMethods.IsPost(context.Request.Method) && rawTarget == "/api/cards")
        {
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new { cardId = Guid.NewGuid(), assets = new[] { new { id = Guid.NewGuid(), clipName = "A001C001_261121_R1AB" } } });
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private async Task UploadAsync(HttpContext context, string rawTarget, byte[] body)
    {
        // /api/cards/{project}/{card}/files/{path...}
        var segments = rawTarget[UploadPrefix.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        var (project, card, path) = (segments[0], segments[1], string.Join('/', segments[3..]));
        if (Interlocked.Decrement(ref _transientFailuresLeft) >= 0)
        {
            context.Response.StatusCode = 503;
            return;
        }

        var hash = Xxh64.HashHex(body);
        if (path == RejectUploadOf || !string.Equals(context.Request.Headers["X-Content-XXH64"], hash, StringComparison.Ordinal))
        {
            await Problem(context, 422, "Hash mismatch", $"The server computed xxh64 {hash} for {path}.");
            return;
        }

        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new { storageKey = $"projects/{project}/cards/{card}/{path}", size = body.Length, xxh64 = hash });
    }

    private static async Task Problem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { type = "about:blank", title, status, detail }, options: null, contentType: "application/problem+json");
    }
}

/// <param name="RawTarget">The request target exactly as sent, escaping included.</param>
public sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body);
