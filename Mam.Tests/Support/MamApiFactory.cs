using Mam.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Support;

/// <summary>The real Mam.Api on the embedded defaults, with its own data folder. With
/// <paramref name="realSocket"/> it listens on 127.0.0.1 so out-of-process clients (the agent) reach it.
/// <paramref name="configure"/> adds to the host (a named stand-in, such as <see cref="SignedInPersonStandIn"/>).</summary>
public sealed class MamApiFactory(
    bool realSocket = false, IReadOnlyDictionary<string, string>? settings = null, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new("api");

    public string DataDirectory => _data.Path;

    public string ApiKey => Services.GetRequiredService<ApiKeyStore>().Key;

    public Uri BaseUri
    {
        get
        {
            if (!realSocket)
            {
                return Server.BaseAddress;
            }
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    public HttpClient CreateWriter()
    {
        var client = realSocket ? new HttpClient { BaseAddress = BaseUri } : CreateClient();
        client.DefaultRequestHeaders.Add(RequireApiKeyFilter.Header, ApiKey);
        return client;
    }

    public HttpClient CreateReader() => realSocket ? new HttpClient { BaseAddress = BaseUri } : CreateClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (realSocket)
        {
            UseKestrel(0);
        }
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Mam:DataDirectory", _data.Path);
        builder.UseSetting("Pipeline:ReconcileInterval", "00:00:01");
        builder.UseSetting("Pipeline:RepublishPendingAfter", "00:00:03");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        configure?.Invoke(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
