using System.ComponentModel.DataAnnotations;

namespace Mam.Api.Security.Authentication;

/// <summary>Section "Security".</summary>
public sealed class AccessOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>The first administrator's access token, for a deployment that sets it from a secret
    /// store (compose: MAM_BOOTSTRAP_TOKEN). Unset: one is generated at first start and kept in
    /// {DataDirectory}/admin-token (mode 0600). Used only when the catalog has nobody in it yet.</summary>
    [MinLength(32, ErrorMessage = "Security:BootstrapToken must be at least 32 characters: it is an administrator's password.")]
    public string? BootstrapToken { get; set; }

    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan BootstrapTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A session cookie lasts this long after the last request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(366);

    /// <summary>Sign-in attempts one address may make per minute (then 429), on top of Identity's
    /// per-person lockout after 5 wrong passwords.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long an API instance trusts what it read about a caller (token, person, roles).
    /// Changes made through this instance count at once; through another instance sharing the
    /// catalog, within this time. 0 reads the catalog on every request.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan AccessCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Addresses of reverse proxies (TLS in front of the API) whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed: the client's own address then counts for the sign-in limit
    /// and the audit trail, and cookies are marked Secure. Loopback is always trusted.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The address people reach the server at, for links the server prints (the first
    /// administrator's sign-in link). Unset: the first address it listens on.</summary>
    public Uri? PublicUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"Security:TrustedProxies: '{proxy}' is not an IP address.", [nameof(TrustedProxies)]);
            }
        }
    }
}
