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

    /// <summary>Parts listed per answer; the rest come from the page's nextParts link, as the real API pages them (1,000 there).</summary>
    public int PartsPerPage { get; set; } = int.MaxValue;

    /// <summary>Hand out absolute part URLs (as S3 presigned URLs) instead of API-relative ones.</summary>
    public bool Presigned { get; set; }

    /// <summary>Parts carry checksum "xxh64": the agent asks POST .../parts/{n}/target for a "presigned" URL and a
    /// signed x-amz-checksum-xxhash64, and the "storage" answers 400 BadDigest (as AWS S3) when it does not match.</summary>
    public bool StoreChecksums { get; set; }

    /// <summary>With <see cref="StoreChecksums"/>: this many more part PUTs are refused with BadDigest whatever they
    /// carry, as when bytes change on the way.</summary>
    public int BadDigestsToAnswer { get; set; }

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
        Requests.Enqueue(new RecordedRequest(method, path + context.Request.QueryString, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        if (segments is ["storage", var storageId, var storageNumber] && HttpMethods.IsPut(method))
        {
            // A presigned URL: the grant is the URL itself; an API key here would be a leak.
            if (context.Request.Headers.ContainsKey("Authorization"))
            {
                context.Response.StatusCode = 400;
                return;
            }

            if (StoreChecksums)
            {
                var sent = context.Request.Headers["x-amz-checksum-xxhash64"].ToString();
                if (BadDigestsToAnswer-- > 0 || sent != Convert.ToBase64String(System.IO.Hashing.XxHash64.Hash(body)))
                {
                    context.Response.StatusCode = 400;
                    context.Response.ContentType = "application/xml";
                    await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>BadDigest</Code><Message>The XXHASH64 you specified did not match the calculated checksum.</Message></Error>");
                    return;
                }
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
                var firstPart = int.TryParse(context.Request.Query["firstPart"], out var first) ? first : 1;
                await WriteSessionAsync(context, _sessions[Guid.Parse(id)], 200, firstPart);
                break;
            case ["api", "uploads", var id, "parts", var number] when HttpMethods.IsPut(method):
                var status = AcceptPart(Guid.Parse(id), int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), body, context.Request.Headers["X-Content-XXH64"].ToString());
                context.Response.StatusCode = status ?? 204;
                break;
            case ["api", "uploads", var id, "parts", var number, "target"] when HttpMethods.IsPost(method) && StoreChecksums:
                var hash = JsonDocument.Parse(body).RootElement.GetProperty("xxh64").GetString()!;
                await context.Response.WriteAsJsonAsync(new
                {
                    number = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture),
                    url = new Uri(BaseAddress, $"/storage/{id}/{number}?X-Amz-SignedHeaders=host%3Bx-amz-checksum-xxhash64").ToString(),
                    headers = new Dictionary<string, string> { ["x-amz-checksum-xxhash64"] = Convert.ToBase64String(Convert.FromHexString(hash)) },
                });
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

    private async Task WriteSessionAsync(HttpContext context, Session session, int status, int firstPart = 1)
    {
        context.Response.StatusCode = status;
        var lastPart = (int)Math.Min(session.PartCount, (long)firstPart + PartsPerPage - 1);
        var parts = Enumerable.Range(firstPart, lastPart - firstPart + 1).Select(n => new
        {
            number = n,
            size = n < session.PartCount ? session.PartSize : session.Request.Size - ((long)(n - 1) * session.PartSize),
            received = session.Parts.ContainsKey(n),
            url = Presigned ? new Uri(BaseAddress, $"/storage/{session.Id}/{n}?X-Amz-Signature=test").ToString() : $"/api/uploads/{session.Id}/parts/{n}",
            checksum = StoreChecksums ? "xxh64" : null,
        });
        var nextParts = lastPart < session.PartCount ? $"/api/uploads/{session.Id}?firstPart={lastPart + 1}" : null;
        await context.Response.WriteAsJsonAsync(new { id = session.Id, storageKey = session.StorageKey, partSize = session.PartSize, status = "open", parts, partCount = session.PartCount, nextParts });
    }

    private sealed record OpenRequest(string Project, string Card, string Path, long Size, string Xxh64);

    private sealed record Session(Guid Id, OpenRequest Request, string StorageKey, int PartSize)
    {
        public ConcurrentDictionary<int, byte[]> Parts { get; } = new();

        public int PartCount => Math.Max(1, (int)((Request.Size + PartSize - 1) / PartSize));
    }
}
