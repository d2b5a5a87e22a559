using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Mam.Api.Security.Authentication;

/// <summary>Short-lived signed URLs for players and tools that cannot send a cookie or a token (an
/// external player, a `<video>` on another host, ffplay). A link names one path and one person and
/// expires; it carries no more than that person's right to read the clip at the moment it is used.
/// Signed with the Data Protection keys kept in the catalog, so every API instance accepts it.</summary>
public sealed class MediaLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string QueryName = "link";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("mam.media-links.v1").ToTimeLimitedDataProtector();

    public (string Url, DateTimeOffset Expires) Create(Guid personId, string path, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow() + lifetime;
        var code = _protector.Protect($"{personId:N}|{path}", expires);
        return ($"{path}?{QueryName}={Uri.EscapeDataString(code)}", expires);
    }

    /// <returns>The person and path the link names, or null (with why) when it is forged or expired.</returns>
    public (Guid PersonId, string Path)? Read(string code, out string? refusal)
    {
        refusal = null;
        try
        {
            var payload = _protector.Unprotect(code, out var expires);
            if (expires < clock.GetUtcNow())
            {
                refusal = "The media link has expired.";
                return null;
            }
            var bar = payload.IndexOf('|', StringComparison.Ordinal);
            return bar == 32 && Guid.TryParseExact(payload[..bar], "N", out var person) ? (person, payload[(bar + 1)..]) : null;
        }
        catch (CryptographicException)
        {
            // Expired links fail here too: the time-limited protector refuses them itself.
            refusal = "The media link has expired or is not one this server made.";
            return null;
        }
    }
}
