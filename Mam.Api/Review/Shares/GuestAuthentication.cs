using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Mam.Api.Problems;
using Mam.Catalog;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Review.Shares;

/// <summary>The guest's cookie (<c>mam-share</c>): the session id, signed with the server's data
/// protection keys, scoped to the one link's path (<c>/share/{token}</c>) so the browser never sends it
/// anywhere else, HttpOnly and SameSite=Strict. Every request reads the session and its link from the
/// catalog: a revoked or expired link, or a cookie brought to another link, is refused at once.</summary>
public sealed class GuestAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDataProtectionProvider protection, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "share-guest";
    public const string CookieName = "mam-share";
    public const string Purpose = "mam.share-sessions.v1";
    private static readonly object RefusalKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var cookie) || cookie.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }
        Guid sessionId;
        try
        {
            sessionId = Guid.ParseExact(protection.CreateProtector(Purpose).Unprotect(cookie), "N");
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return AuthenticateResult.Fail("The guest cookie is not one this server made.");
        }
        var token = Request.RouteValues["token"]?.ToString();
        if (!ShareTokens.LooksValid(token))
        {
            return AuthenticateResult.Fail("No share link in the path.");
        }
        await using var db = await catalog.CreateDbContextAsync(Context.RequestAborted).ConfigureAwait(false);
        var session = await db.ShareSessions.SingleOrDefaultAsync(s => s.Id == sessionId, Context.RequestAborted).ConfigureAwait(false);
        var link = session is null ? null : await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == session.LinkId, Context.RequestAborted).ConfigureAwait(false);
        if (session is null || link is null || !string.Equals(link.TokenHash, ShareTokens.Hash(token!), StringComparison.Ordinal))
        {
            // A session of another link: no way in here, whatever that link allows.
            return AuthenticateResult.Fail("The guest session is not for this link.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (ShareLinkState.Closed(link, now) is { } closed)
        {
            Context.Items[RefusalKey] = closed;
            return AuthenticateResult.Fail(closed.ProblemDetails.Detail!);
        }
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            // "Last seen" to the minute: not a write for every range request of the player.
            session.LastSeenAt = now;
            await db.SaveChangesAsync(Context.RequestAborted).ConfigureAwait(false);
        }
        new Guest(session, link).Attach(Context);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "guest:" + session.Id.ToString("N")), new Claim(ClaimTypes.Name, $"{session.GuestName} <{session.GuestEmail}> (guest)")],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        (Context.Items[RefusalKey] as ProblemHttpResult ?? ApiProblems.Make("guest-session-required", "Open the share link first.",
            "This needs the guest session that opening the share link gives (its page asks for your name and e-mail, and the password if it has one).",
            StatusCodes.Status401Unauthorized)).ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Make("forbidden", "Not allowed.", "This share link does not allow that.", StatusCodes.Status403Forbidden).ExecuteAsync(Context);

    /// <summary>Sets the guest's cookie for <paramref name="token"/>'s path.</summary>
    public static void Issue(HttpContext http, IDataProtectionProvider protection, string token, Guid sessionId, DateTime linkExpires)
    {
        http.Response.Cookies.Append(CookieName, protection.CreateProtector(Purpose).Protect(sessionId.ToString("N")), new CookieOptions
        {
            Path = "/share/" + token,
            HttpOnly = true,
            // Strict: the guest's own page calls with it; no other site's link or form ever carries it.
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Expires = new DateTimeOffset(DateTime.SpecifyKind(linkExpires, DateTimeKind.Utc)),
        });
    }
}
