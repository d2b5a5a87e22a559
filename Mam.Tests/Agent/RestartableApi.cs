using Mam.Api.Security.SignIn;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Agent;

/// <summary>
/// The real Mam.Api in-process on a fixed loopback port and data folder, so a test can dispose it
/// (the API goes away) and start another on the same address with the same catalog, key and
/// staging (the API is back). The shared MamApiFactory picks a new port and folder each time.
/// </summary>
public sealed class RestartableApi(int port, string dataDirectory, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    public Uri BaseUri => new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));

    public string AdminToken => File.ReadAllText(FirstAdministrator.TokenPath(dataDirectory)).Trim();

    /// <summary>Starts listening (WebApplicationFactory starts lazily).</summary>
    public RestartableApi Started()
    {
        StartServer();
        return this;
    }

    public HttpClient CreateReader()
    {
        var client = new HttpClient { BaseAddress = BaseUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>A loopback port free right now, to start (and restart) an API on.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        UseKestrel(port);
        builder.UseSetting("urls", BaseUri.ToString().TrimEnd('/'));
        builder.UseSetting("Mam:DataDirectory", dataDirectory);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
