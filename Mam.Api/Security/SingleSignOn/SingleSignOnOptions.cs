using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Mam.Api.Security.SingleSignOn;

/// <summary>Section "Security:OpenIdConnect": single sign-on with any OpenID Connect provider
/// (Keycloak, Entra ID, Google Workspace, Okta…). Unset Authority: no single sign-on, only passwords.</summary>
public sealed class SingleSignOnOptions : IValidatableObject
{
    public const string Section = "Security:OpenIdConnect";

    /// <summary>The provider's issuer; its discovery document is at {Authority}/.well-known/openid-configuration.</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated, as in OAuth's scope parameter; add the provider's groups scope where it
    /// has one (Keycloak: a client scope named e.g. "groups").</summary>
    public string Scopes { get; set; } = "openid profile email";

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The claim that lists the person's groups (an array, or one claim per group).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Group → role: "administrator" (server administrator) or "Project name:role" with a role
    /// of administrator, ingest, editor, reviewer, archivist or viewer. Applied at every sign-in.</summary>
    public IDictionary<string, string> GroupRoles { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What the sign-in page's button says: "Sign in with {DisplayName}".</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(64)]
    public string DisplayName { get; set; } = "single sign-on";

    public bool Enabled => Authority is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Authority is null)
        {
            yield break;
        }
        if (!Authority.IsAbsoluteUri || (Authority.Scheme != Uri.UriSchemeHttps && Authority.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"{Section}:Authority must be the provider's https address, got '{Authority}'.");
        }
        else if (Authority.Scheme == Uri.UriSchemeHttp && !IsLoopback(Authority))
        {
            // Tokens and the client secret would cross the network in clear text.
            yield return new ValidationResult($"{Section}:Authority must use https ('{Authority}'); plain http is accepted only on loopback, for testing.");
        }
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult($"{Section}:ClientId is required with an Authority: the id the provider gave this server.");
        }
        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult($"{Section}:ClientSecret is required with an Authority: this server is a confidential client.");
        }
        if (!ScopeList.Contains("openid"))
        {
            yield return new ValidationResult($"{Section}:Scopes must include 'openid'.");
        }
        if (string.IsNullOrWhiteSpace(GroupsClaim))
        {
            yield return new ValidationResult($"{Section}:GroupsClaim must name a claim (usually 'groups').");
        }
        foreach (var (group, value) in GroupRoles)
        {
            if (!GroupRole.TryParse(value, out _, out var problem))
            {
                yield return new ValidationResult($"{Section}:GroupRoles:{group}: {problem}");
            }
        }
    }

    internal static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
