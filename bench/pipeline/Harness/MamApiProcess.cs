using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mam.Bench.Harness;

/// <summary>Mam.Api from the Release build as its own process on a free loopback port, started the
/// way an operator starts it: `dotnet Mam.Api.dll --urls … --contentRoot … --Workers:Embedded false`
/// plus settings as environment variables; with <c>embeddedWorkers</c> the API runs the pipeline itself,
/// as it does out of the box.</summary>
public sealed class MamApiProcess : IDisposable
{
    private readonly ChildProcess _process;

    private MamApiProcess(ChildProcess process, Uri baseUri, string adminToken)
    {
        _process = process;
        BaseUri = baseUri;
        AdminToken = adminToken;
    }

    public Uri BaseUri { get; }

    /// <summary>The first administrator's token, which the API writes to its data folder at first start.</summary>
    public string AdminToken { get; }

    /// <summary>A client signed in as the administrator (every read and write needs a right).</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public int ProcessId => _process.Id;

    public string Tail => _process.Tail;

    /// <summary>CPU seconds of the API and the tools it has waited for (embedded workers: ffmpeg, pocketsphinx…).</summary>
    public double? CpuSeconds() => _process.CpuSeconds();

    /// <summary>Starts the API and waits until /health/live answers (the catalog is migrated before
    /// the API listens) and the administrator's token file exists.</summary>
    public static Task<MamApiProcess> StartAsync(RepoPaths repo, IReadOnlyDictionary<string, string> settings, string dataDirectory, CancellationToken cancellationToken) =>
        StartAsync(repo, settings, dataDirectory, embeddedWorkers: false, cancellationToken);

    /// <summary>As above; with <paramref name="embeddedWorkers"/> the API also runs the workers (its default).</summary>
    public static Task<MamApiProcess> StartAsync(RepoPaths repo, IReadOnlyDictionary<string, string> settings, string dataDirectory, bool embeddedWorkers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return StartAsync(repo.ApiDll, repo.ApiDirectory, settings, dataDirectory, embeddedWorkers, "admin-token", cancellationToken);
    }

    /// <summary>Any build of the API (a baseline from another commit too); ready when /health/live
    /// answers and <paramref name="credentialFile"/> exists in the data folder.</summary>
    public static async Task<MamApiProcess> StartAsync(
        string apiDll, string apiDirectory, IReadOnlyDictionary<string, string> settings, string dataDirectory, bool embeddedWorkers, string credentialFile, CancellationToken cancellationToken)
    {
        var baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort()}"));
        var all = new Dictionary<string, string>(settings, StringComparer.Ordinal) { ["Mam:DataDirectory"] = dataDirectory };
        var process = new ChildProcess("Mam.Api",
            [apiDll, "--urls", baseUri.ToString().TrimEnd('/'), "--contentRoot", apiDirectory, "--Workers:Embedded", embeddedWorkers ? "true" : "false"],
            all, apiDirectory);
        try
        {
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
            var keyFile = Path.Combine(dataDirectory, credentialFile);
            var waited = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Mam.Api exited with {process.ExitCode} while starting:\n{process.Tail}");
                }
                if (waited.Elapsed > TimeSpan.FromMinutes(3))
                {
                    throw new TimeoutException($"Mam.Api did not answer /health/live within 3 minutes:\n{process.Tail}");
                }
                try
                {
                    using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.OK && File.Exists(keyFile))
                    {
                        var key = (await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false)).Trim();
                        return new MamApiProcess(process, baseUri, key);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Too slow to answer while starting on a busy machine.
                }
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public void Dispose() => _process.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
