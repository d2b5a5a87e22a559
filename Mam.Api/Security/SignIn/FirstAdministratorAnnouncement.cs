using Mam.Api.Security.Authentication;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.SignIn;

/// <summary>Makes the first administrator at start when the catalog has nobody, and prints the
/// one-time sign-in link once the server listens (the address is known only then).</summary>
internal static partial class FirstAdministratorAnnouncement
{
    public static async Task EnsureAsync(WebApplication app, CancellationToken cancellationToken)
    {
        string? link;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            link = await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        if (link is null)
        {
            return;
        }
        var logger = app.Services.GetRequiredService<ILogger<FirstAdministrator>>();
        var data = app.Services.GetRequiredService<IOptions<Mam.Hosting.MamOptions>>().Value.DataDirectory;
        var publicUrl = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.PublicUrl;
        var configuredToken = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.BootstrapToken is not null;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var origin = publicUrl?.ToString().TrimEnd('/') ?? app.Urls.FirstOrDefault()?.TrimEnd('/') ?? "";
            LogCreated(logger, FirstAdministrator.UserName, origin + link,
                configuredToken ? "the one Security:BootstrapToken sets" : $"in {FirstAdministrator.TokenPath(data)} (mode 0600)");
        });
    }

    // A one-time link, void after its first use or after a day: safe to print once, and the only
    // way in for a server that has nobody yet.
    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: made the administrator '{UserName}'. Open {Link} within 24 hours (once) to choose a password. An administrator token for the agent and scripts on this machine is {Token}.")]
    private static partial void LogCreated(ILogger logger, string userName, string link, string token);
}
