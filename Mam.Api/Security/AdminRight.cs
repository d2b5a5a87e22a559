using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mam.Api.Security;

/// <summary>Who may change things outside the endpoint filter's reach (the jobs dashboard): until
/// users exist, whoever holds the API key — sent as the X-Api-Key header by scripts, or entered once
/// on /jobs/login by a browser, which then carries a signed cookie. The cookie holds an expiry and an
/// HMAC of it keyed by the API key, never the key itself: it cannot be turned back into the key, and
/// changing the key signs every browser out.</summary>
public sealed class AdminRight(ApiKeyStore keys, TimeProvider clock)
{
    public const string CookieName = "mam-admin";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public bool HeldBy(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SentKey(context) || IsValid(context.Request.Cookies[CookieName]);
    }

    /// <summary>The request carries the key in its header (a script, not a browser session).</summary>
    public bool SentKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return keys.Matches(context.Request.Headers[RequireApiKeyFilter.Header].ToString());
    }

    /// <param name="path">The cookie goes back only to pages under this path.</param>
    public void SignIn(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expires = clock.GetUtcNow() + Lifetime;
        context.Response.Cookies.Append(CookieName, Token(expires.ToUnixTimeSeconds()), Options(context, path, expires));
    }

    public void SignOut(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, Options(context, path, null));
    }

    // Strict: the browser never sends it with a request another site starts.
    private static CookieOptions Options(HttpContext context, string path, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = path,
        Expires = expires,
        IsEssential = true,
    };

    private bool IsValid(string? cookie)
    {
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || !long.TryParse(cookie.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires < clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie!), Encoding.ASCII.GetBytes(Token(expires)));
    }

    private string Token(long expires)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(keys.Key), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"mam-admin|{expires}")));
        return string.Create(CultureInfo.InvariantCulture, $"{expires}.{Convert.ToHexStringLower(mac)}");
    }
}
