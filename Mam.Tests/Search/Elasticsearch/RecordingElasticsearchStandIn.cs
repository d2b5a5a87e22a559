using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mam.Search.Elasticsearch;

namespace Mam.Tests.Search.Elasticsearch;

/// <summary>An HTTP listener on 127.0.0.1 standing in for an Elasticsearch node (no real one can run
/// here): it records every request the official client sends and answers what a 9.x node answers to
/// the calls the adapter makes (template, index, _bulk, _search, delete), or whatever a test told it to
/// answer. Like a real node it marks every answer with "X-Elastic-Product: Elasticsearch", which the
/// client checks. It checks nothing about queries; tests assert on the recorded requests.</summary>
public sealed class RecordingElasticsearchStandIn : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _openConnections;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<(string Method, string Path), (int Status, string Body)> _answers = new();
    private readonly ConcurrentDictionary<string, string> _refusedDocuments = new();
    private volatile TaskCompletionSource? _bulkGate;

    private RecordingElasticsearchStandIn()
    {
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>TCP connections clients hold open to the stand-in now (kept alive between requests or not).</summary>
    public int OpenConnections => Volatile.Read(ref _openConnections);

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<RecordingElasticsearchStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var standIn = new RecordingElasticsearchStandIn();
        builder.WebHost.UseKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => async connection =>
        {
            Interlocked.Increment(ref standIn._openConnections);
            try
            {
                await next(connection);
            }
            finally
            {
                Interlocked.Decrement(ref standIn._openConnections);
            }
        }))).UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        standIn._app = app;
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.Url = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>Answer without the product header, as a server that is not Elasticsearch would.</summary>
    public bool ActsAsAnotherProduct { get; set; }

    /// <summary>From now on, answer <paramref name="method"/> <paramref name="path"/> (no query string) with this.</summary>
    public void Answer(string method, string path, int status, string body) => _answers[(method, path)] = (status, body);

    /// <summary>Settings that point the adapter (and so the official client) at this stand-in.</summary>
    public ElasticsearchOptions Options(string index = "mam-clips", string? apiKey = null) =>
        new() { Url = Url.ToString(), Index = index, ApiKey = apiKey };

    /// <summary>From now on, a bulk action for this document id fails (400), as a node whose mapping
    /// cannot take the document answers; the other actions of the request succeed.</summary>
    public void RefuseDocument(string id, string reason) => _refusedDocuments[id] = reason;

    /// <summary>From now on, bulk requests are recorded but not answered until <see cref="ReleaseBulkRequests"/>
    /// (or their caller goes away): a re-index caught in the middle of a batch.</summary>
    public void HoldBulkRequests() => _bulkGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseBulkRequests() => Interlocked.Exchange(ref _bulkGate, null)?.TrySetResult();

    public RecordedRequest OnlyRequest(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ShouldHaveSingleItem($"{method} {path}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        // The client gzips request bodies (EnableHttpCompression is on by default); a node inflates them.
        var gzipped = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        using var reader = new StreamReader(gzipped ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.ContentType,
            context.Request.Headers.Authorization.ToString(),
            body)
        {
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
        _requests.Enqueue(request);
        if (request.Path == "/_bulk" && _bulkGate is { } gate)
        {
            try
            {
                await gate.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the caller went away while held
            }
        }

        var (status, answer) = _answers.TryGetValue((request.Method, request.Path), out var canned) ? canned : Default(request);
        context.Response.StatusCode = status;
        if (!ActsAsAnotherProduct)
        {
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        }

        if (request.Method != "HEAD")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer, context.RequestAborted);
        }
    }

    private (int Status, string Body) Default(RecordedRequest request) => (request.Method, request.Path) switch
    {
        ("PUT", var p) when p.StartsWith("/_index_template/", StringComparison.Ordinal) => (200, """{"acknowledged":true}"""),
        ("HEAD", _) => (200, ""),
        ("PUT", var p) when p.EndsWith("/_mapping", StringComparison.Ordinal) => (200, """{"acknowledged":true}"""),
        ("PUT", var p) => (200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{p.TrimStart('/')}}"}"""),
        ("POST", "/_bulk") => (200, BulkAnswer(request)),
        ("POST", var p) when p.EndsWith("/_search", StringComparison.Ordinal) => (200, CannedSearchResponses.Empty),
        ("DELETE", _) => (200, """{"result":"deleted"}"""),
        _ => (400, """{"error":{"type":"illegal_argument_exception","reason":"the stand-in does not know this call"},"status":400}"""),
    };

    /// <summary>One item per action line: "created", or the error of a document <see cref="RefuseDocument"/> named.</summary>
    private string BulkAnswer(RecordedRequest request)
    {
        var items = new JsonArray();
        foreach (var line in request.NdJsonLines.Where((_, i) => i % 2 == 0))
        {
            var action = line.AsObject().First();
            var id = action.Value!["_id"]!.GetValue<string>();
            var item = new JsonObject { ["_index"] = action.Value!["_index"]!.GetValue<string>(), ["_id"] = id };
            if (_refusedDocuments.TryGetValue(id, out var reason))
            {
                item["status"] = 400;
                item["error"] = new JsonObject { ["type"] = "document_parsing_exception", ["reason"] = reason };
            }
            else
            {
                item["status"] = 201;
                item["result"] = "created";
            }

            items.Add(new JsonObject { [action.Key] = item });
        }

        var errors = items.Any(i => i!.AsObject().First().Value!["error"] is not null);
        return new JsonObject { ["took"] = 3, ["errors"] = errors, ["items"] = items }.ToJsonString();
    }
}

public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string Authorization, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public JsonNode Json => JsonNode.Parse(Body)!;

    public IReadOnlyList<JsonNode> NdJsonLines =>
        Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
}
