using Mam.Api.Security.Access;
using Mam.Api.Security.SignIn;
using Mam.Api.Security.Tokens;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.Authentication;

/// <summary>Who the caller is (a session cookie from /login or single sign-on, a personal access
/// token, or a signed media link) and what they may do (<see cref="Policies"/>).</summary>
public static class AccessRegistration
{
    /// <summary>Chooses the way in from what the request carries.</summary>
    public const string Scheme = "mam";

    public static IServiceCollection AddMamAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Identity's stores and the key ring want the context from a scope; it comes from the catalog's factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContext());
        services.AddDataProtection().SetApplicationName("mam").PersistKeysToDbContext<CatalogDbContext>();

        services.AddIdentityCore<Person>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Pa$$w0rd1".
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters += " '";
            })
            .AddEntityFrameworkStores<CatalogDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Session, token or media link", o => o.ForwardDefaultSelector = context =>
                TokenAuthenticationHandler.CarriesToken(context.Request) ? TokenAuthenticationHandler.SchemeName
                : MediaLinkAuthenticationHandler.CarriesLink(context.Request) ? MediaLinkAuthenticationHandler.SchemeName
                : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, MediaLinkAuthenticationHandler>(MediaLinkAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(SessionCookie.Configure));

        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AccessOptions>>((cookie, access) => cookie.ExpireTimeSpan = access.Value.SessionLifetime);
        services.AddSingleton<AccessCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AccessChangeInterceptor>();
        services.AddSingleton<Callers>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<MediaLinks>();
        services.AddSingleton<ProjectGuard>();
        services.AddScoped<FirstAdministrator>();
        services.AddScoped<SignInLinks>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, CallerRequirementHandler>();
        services.AddAuthorizationBuilder().AddMamPolicies();
        services.AddSignInRateLimit();
        services.AddOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<AccessOptions>>((forwarded, access) =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in access.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return services;
    }
}
