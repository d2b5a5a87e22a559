using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Support;

/// <summary>
/// NOT an OpenTelemetry Collector (none runs here: Debian has no otelcol package): a loopback
/// stand-in for its OTLP/HTTP receiver. It accepts <c>POST /v1/traces</c>, <c>/v1/metrics</c> and
/// <c>/v1/logs</c> in protobuf, answers with an empty (valid) protobuf response, and keeps the raw
/// bodies. Tests look for the bytes a collector would show: service names, span and metric names,
/// attribute values and the 16 raw bytes of a trace id, without decoding the protobuf.
/// </summary>
public sealed class OtlpCollectorStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpCollectorStandIn(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Requests { get; } = new();

    public static async Task<OtlpCollectorStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollectorStandIn(app);
        app.Run(collector.ReceiveAsync);
        await app.StartAsync();
        collector.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return collector;
    }

    /// <summary>Whether any body posted to <paramref name="path"/> holds all of <paramref name="texts"/> (UTF-8).</summary>
    public bool Received(string path, params string[] texts) =>
        Bodies(path).Any(body => texts.All(text => Contains(body, Encoding.UTF8.GetBytes(text))));

    /// <summary>Whether a body posted to <paramref name="path"/> holds the trace id (32 hex digits) as OTLP
    /// carries it: 16 raw bytes.</summary>
    public bool ReceivedTraceId(string path, string traceIdHex) =>
        Bodies(path).Any(body => Contains(body, Convert.FromHexString(traceIdHex)));

    public IEnumerable<string> Paths => Requests.Select(r => r.Path).Distinct();

    public async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IEnumerable<byte[]> Bodies(string path) => Requests.Where(r => r.Path == path).Select(r => r.Body);

    private static bool Contains(byte[] body, byte[] needle) => body.AsSpan().IndexOf(needle) >= 0;

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Requests.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body.ToArray()));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }
}
