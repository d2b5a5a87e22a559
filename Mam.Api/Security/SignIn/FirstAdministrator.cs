using Mam.Api.Security.Authentication;
using Mam.Api.Security.Tokens;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.SignIn;

/// <summary>A catalog with nobody in it gets its first administrator at start: a one-time sign-in
/// link (printed once, good for a day) to choose a password, and an administrator token for the
/// agent and scripts on this machine, kept in {DataDirectory}/admin-token (mode 0600) — or the one
/// Security:BootstrapToken names.</summary>
public sealed partial class FirstAdministrator(
    CatalogDbContext db, UserManager<Person> people, AccessTokens tokens, SignInLinks links,
    IOptions<AccessOptions> options, IOptions<MamOptions> mam, TimeProvider clock, ILogger<FirstAdministrator> logger)
{
    public const string UserName = "admin";
    public const string TokenFile = "admin-token";
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    /// <returns>The sign-in link's path and query when an administrator was made now; otherwise null.</returns>
    public async Task<string?> EnsureAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var admin = new Person { Id = Guid.NewGuid(), UserName = UserName, DisplayName = "Administrator", IsAdministrator = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await people.CreateAsync(admin).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            // Another API instance sharing the catalog made it a moment ago.
            LogAnotherInstance(logger, string.Join("; ", created.Errors.Select(e => e.Description)));
            return null;
        }
        var configured = options.Value.BootstrapToken;
        var (_, secret) = await tokens.CreateAsync(admin.Id, "bootstrap", null, null, options.Value.BootstrapTokenLifetime, cancellationToken, configured).ConfigureAwait(false);
        if (configured is null)
        {
            var path = Path.Combine(mam.Value.DataDirectory, TokenFile);
            await WriteSecretFileAsync(path, secret, cancellationToken).ConfigureAwait(false);
        }
        return await links.CreateAsync(admin.Id, LinkLifetime, cancellationToken).ConfigureAwait(false);
    }

    public static string TokenPath(string dataDirectory) => Path.Combine(dataDirectory, TokenFile);

    private static async Task WriteSecretFileAsync(string path, string secret, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var file = new FileStream(path, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync(secret.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The first administrator already exists (made by another instance): {Reason}")]
    private static partial void LogAnotherInstance(ILogger logger, string reason);
}
