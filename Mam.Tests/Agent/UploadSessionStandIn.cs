using System.Collections.Concurrent;
using System.Text.Json;
using Mam.Integrity.Hashing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Agent;

/// <summary>
/// NOT the MAM API: a loopback stand-in for the resumable upload protocol as the lead specified it
/// (POST /api/uploads, GET /api/uploads/{id}, part PUTs to the API or to "presigned" absolute URLs,
/// POST /api/uploads/{id}/complete, POST /api/cards), so the agent's wire format and resume
/// behaviour can be tested until the real endpoints land in this branch.
/// </summary>
public sealed class UploadSessionStandIn : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;
    private readonly string _apiKey;
    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();
    private int _partsBeforeOutage = int.MaxValue;
    private long _acceptedBytes;

    private UploadSessionStandIn(WebApplication app, string apiKey)
    {
        _app = app;
        _apiKey = apiKey;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int PartSize { get; set; } = 64 * 1024;

    /// <summary>Hand out absolute part URLs (as S3 presigned URLs) instead of API-relative ones.</summary>
    public bool Presigned { get; set; }

    /// <summary>After this many more accepted parts, every part PUT gets 503 (storage down).</summary>
    public int PartsBeforeOutage
    {
        get => _partsBeforeOutage;
        set => _partsBeforeOutage = value;
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>(session, part number) of every part the "storage" accepted.</summary>
    public ConcurrentQueue<(Guid Session, int Number)> AcceptedParts { get; } = new();

    /// <summary>The bytes of every part the "storage" accepted.</summary>
    public long AcceptedBytes => Interlocked.Read(ref _acceptedBytes);

    public ConcurrentDictionary<string, byte[]> Stored { get; } = new(StringComparer.Ordinal);

    public static async Task<UploadSessionStandIn> StartAsync(string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new UploadSessionStandIn(app, apiKey);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        standIn.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        Requests.Enqueue(new RecordedRequest(method, path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        if (segments is ["storage", var storageId, var storageNumber] && HttpMethods.IsPut(method))
        {
            // A presigned URL: the grant is the URL itself; an API key here would be a leak.
            if (context.Request.Headers.ContainsKey("Authorization"))
            {
                context.Response.StatusCode = 400;
                return;
            }

            context.Response.StatusCode = AcceptPart(Guid.Parse(storageId), int.Parse(storageNumber, System.Globalization.CultureInfo.InvariantCulture), body, null) ?? 200;
            return;
        }

        if (!string.Equals(context.Request.Headers.Authorization, "Bearer " + _apiKey, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            return;
        }

        switch (segments)
        {
            case ["api", "uploads"] when HttpMethods.IsPost(method):
                await OpenAsync(context, JsonSerializer.Deserialize<OpenRequest>(body, Json)!);
                break;
            case ["api", "uploads", var id] when HttpMethods.IsGet(method):
                await WriteSessionAsync(context, _sessions[Guid.Parse(id)], 200);
                break;
            case ["api", "uploads", var id, "parts", var number] when HttpMethods.IsPut(method):
                var status = AcceptPart(Guid.Parse(id), int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), body, context.Request.Headers["X-Content-XXH64"].ToString());
                context.Response.StatusCode = status ?? 204;
                break;
            case ["api", "uploads", var id, "complete"] when HttpMethods.IsPost(method):
                await CompleteAsync(context, _sessions[Guid.Parse(id)]);
                break;
            case ["api", "cards"] when HttpMethods.IsPost(method):
                context.Response.StatusCode = 201;
                await context.Response.WriteAsJsonAsync(new { cardId = Guid.NewGuid(), assets = Array.Empty<object>() });
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private async Task OpenAsync(HttpContext context, OpenRequest request)
    {
        var key = $"projects/{request.Project}/cards/{request.Card}/{request.Path}";
        if (Stored.TryGetValue(key, out var stored) && Xxh64.HashHex(stored) == request.Xxh64)
        {
            await context.Response.WriteAsJsonAsync(new { id = Guid.NewGuid(), storageKey = key, partSize = PartSize, status = "complete", parts = Array.Empty<object>() });
            return;
        }

        var existing = _sessions.Values.FirstOrDefault(s => s.Request == request);
        if (existing is not null)
        {
            await WriteSessionAsync(context, existing, 200);
            return;
        }

        var session = new Session(Guid.NewGuid(), request, key, PartSize);
        _sessions[session.Id] = session;
        await WriteSessionAsync(context, session, 201);
    }

    private int? AcceptPart(Guid id, int number, byte[] body, string? expectedHash)
    {
        var session = _sessions[id];
        if (Interlocked.Decrement(ref _partsBeforeOutage) < 0)
        {
            return 503;
        }

        if (expectedHash is not null && expectedHash != Xxh64.HashHex(body))
        {
            return 422;
        }

        session.Parts[number] = body;
        AcceptedParts.Enqueue((id, number));
        Interlocked.Add(ref _acceptedBytes, body.Length);
        return null;
    }

    private async Task CompleteAsync(HttpContext context, Session session)
    {
        var whole = Enumerable.Range(1, session.PartCount).SelectMany(n => session.Parts.TryGetValue(n, out var part) ? part : []).ToArray();
        _sessions.TryRemove(session.Id, out _);
        var hash = Xxh64.HashHex(whole);
        if (hash != session.Request.Xxh64 || whole.Length != session.Request.Size)
        {
            context.Response.StatusCode = 422;
            await context.Response.WriteAsJsonAsync(new { type = "urn:mam:problem:hash-mismatch", title = "Hash mismatch", status = 422 });
            return;
        }

        Stored[session.StorageKey] = whole;
        await context.Response.WriteAsJsonAsync(new { storageKey = session.StorageKey, size = whole.Length, xxh64 = hash });
    }

    private async Task WriteSessionAsync(HttpContext context, Session session, int status)
    {
        context.Response.StatusCode = status;
        var parts = Enumerable.Range(1, session.PartCount).Select(n => new
        {
            number = n,
            size = n < session.PartCount ? session.PartSize : session.Request.Size - ((long)(n - 1) * session.PartSize),
            received = session.Parts.ContainsKey(n),
            url = Presigned ? new Uri(BaseAddress, $"/storage/{session.Id}/{n}?X-Amz-Signature=test").ToString() : $"/api/uploads/{session.Id}/parts/{n}",
        });
        await context.Response.WriteAsJsonAsync(new { id = session.Id, storageKey = session.StorageKey, partSize = session.PartSize, status = "open", parts });
    }

    private sealed record OpenRequest(string Project, string Card, string Path, long Size, string Xxh64);

    private sealed record Session(Guid Id, OpenRequest Request, string StorageKey, int PartSize)
    {
        public ConcurrentDictionary<int, byte[]> Parts { get; } = new();

        public int PartCount => Math.Max(1, (int)((Request.Size + PartSize - 1) / PartSize));
    }
}
