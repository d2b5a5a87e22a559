using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Agent;

/// <summary>
/// A loopback pass-through in front of the shared Ceph RGW, used as the MAM's Storage:S3:ServiceUrl:
/// presigned part URLs then point here, so a test sees which parts reached the store and can take
/// "the storage" away and bring it back on the same address without touching the shared gateway.
/// Requests are forwarded byte for byte with their Host header, so SigV4 signatures still match.
/// </summary>
public sealed class StorageProxy : IAsyncDisposable
{
    private readonly Uri _target;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
    private WebApplication? _app;
    private int _inFlight;

    private StorageProxy(Uri target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}"));

    /// <summary>Every part PUT the store accepted: (S3 upload id, part number).</summary>
    public ConcurrentQueue<(string UploadId, int Number)> StoredParts { get; } = new();

    /// <summary>Each part PUT is held this long before it is forwarded, so an outage can land mid-file.</summary>
    public TimeSpan PartDelay { get; set; }

    public static async Task<StorageProxy> StartAsync(Uri target, int port)
    {
        var proxy = new StorageProxy(target, port);
        await proxy.StartAsync();
        return proxy;
    }

    /// <summary>Up again on the same port.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseAddress.ToString());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(ForwardAsync);
        await _app.StartAsync();
    }

    /// <summary>Gone: the port refuses connections. Requests already being forwarded finish first, so a
    /// part is either stored and answered or never reached the store.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }

        while (Volatile.Read(ref _inFlight) > 0)
        {
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _forward.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var isPart = HttpMethods.IsPut(context.Request.Method) && query.ContainsKey("partNumber") && query.ContainsKey("uploadId");
        if (isPart && PartDelay > TimeSpan.Zero)
        {
            await Task.Delay(PartDelay, context.RequestAborted);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, target));
            var body = context.Request.ContentLength is not null || context.Request.Headers.TransferEncoding.Count > 0;
            if (body)
            {
                request.Content = new StreamContent(context.Request.Body);
            }

            foreach (var (name, values) in context.Request.Headers)
            {
                if (name is "Host" or "Connection" or "Expect" or "Transfer-Encoding")
                {
                    continue;
                }

                if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && body)
                {
                    request.Content!.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            request.Headers.Host = context.Request.Host.Value;
            using var response = await _forward.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name is not "Transfer-Encoding" and not "Connection")
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, CancellationToken.None);
            if (isPart && response.StatusCode == HttpStatusCode.OK)
            {
                StoredParts.Enqueue((query["uploadId"].ToString(), int.Parse(query["partNumber"].ToString(), CultureInfo.InvariantCulture)));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
