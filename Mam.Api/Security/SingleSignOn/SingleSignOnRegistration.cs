using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Mam.Api.Security.SingleSignOn;

/// <summary>Single sign-on through ASP.NET Core's OpenID Connect handler, when
/// Security:OpenIdConnect:Authority is set: authorisation code flow with PKCE, the provider's answer
/// kept for a moment in Identity's external cookie, then <see cref="SingleSignOnEndpoints"/> signs
/// the person in with the ordinary session cookie.</summary>
public static class SingleSignOnRegistration
{
    public const string Scheme = "oidc";
    public const string CallbackPath = "/signin-oidc";

    public static IServiceCollection AddMamSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SingleSignOnOptions.Section);
        services.AddOptions<SingleSignOnOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ExternalPeople>();
        if (string.IsNullOrEmpty(section[nameof(SingleSignOnOptions.Authority)]))
        {
            return services;
        }
        services.AddAuthentication().AddOpenIdConnect(Scheme, section[nameof(SingleSignOnOptions.DisplayName)] ?? new SingleSignOnOptions().DisplayName, _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<SingleSignOnOptions>>((oidc, sso) => Configure(oidc, sso.Value));
        return services;
    }

    private static void Configure(OpenIdConnectOptions oidc, SingleSignOnOptions sso)
    {
        oidc.Authority = sso.Authority?.ToString();
        oidc.RequireHttpsMetadata = sso.Authority is not { } authority || !SingleSignOnOptions.IsLoopback(authority);
        oidc.ClientId = sso.ClientId;
        oidc.ClientSecret = sso.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in the query of a top-level GET: the correlation and nonce cookies stay
        // SameSite=Lax (a form_post back from another site would need SameSite=None, and so https).
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.UsePkce = true;
        oidc.CallbackPath = CallbackPath;
        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        oidc.Scope.Clear();
        foreach (var scope in sso.ScopeList)
        {
            oidc.Scope.Add(scope);
        }
        // Claims under the provider's own names ("sub", "groups"), not mapped to WS-* URIs.
        oidc.MapInboundClaims = false;
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
        oidc.ClaimActions.MapJsonKey(sso.GroupsClaim, sso.GroupsClaim);
        oidc.SaveTokens = false;
        // A provider that hangs should not hold a sign-in (and a thread) for the default minute.
        oidc.BackchannelTimeout = TimeSpan.FromSeconds(15);
        oidc.Events.OnRemoteFailure = SingleSignOnFailures.ShowAsync;
    }
}
