using System.Diagnostics;
using System.Net;

namespace Mam.Bench.Catalog.Load;

/// <summary>A closed-loop load: <c>concurrency</c> workers each send one request, wait for the whole
/// response, and send the next, until the count or the time runs out. Loopback only: it exists to
/// measure our own server on this machine, never anyone else's.</summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _http;

    public LoadGenerator(Uri baseUri, int concurrency, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsLoopback)
        {
            throw new ArgumentException($"The load generator only targets loopback addresses, not {baseUri}.", nameof(baseUri));
        }
        Concurrency = concurrency;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public int Concurrency { get; }

    public HttpClient Http => _http;

    /// <summary>Runs until <paramref name="maxRequests"/> are sent or <paramref name="duration"/> passes,
    /// and adds the latencies of successful (2xx) requests to <paramref name="into"/>.</summary>
    public async Task RunAsync(Func<HttpClient, CancellationToken, Task<HttpStatusCode>> send, int maxRequests, TimeSpan duration, Latencies into, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(into);
        var remaining = maxRequests;
        var clock = Stopwatch.StartNew();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            var latencies = new List<double>();
            var errors = 0;
            while (clock.Elapsed < duration && Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var status = await send(_http, cancellationToken).ConfigureAwait(false);
                    if ((int)status is >= 200 and < 300)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else
                    {
                        errors++;
                    }
                }
                catch (HttpRequestException)
                {
                    errors++;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    errors++; // the client's timeout
                }
            }
            return (latencies, errors);
        })).ConfigureAwait(false);
        clock.Stop();
        into.Add(perWorker.SelectMany(w => w.latencies), perWorker.Sum(w => w.errors), clock.Elapsed);
    }

    /// <summary>A GET whose whole body is read, so latency covers what a client waits for.</summary>
    public static async Task<HttpStatusCode> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
