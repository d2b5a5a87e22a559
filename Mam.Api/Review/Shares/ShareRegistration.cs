using Microsoft.AspNetCore.Authentication;

namespace Mam.Api.Review.Shares;

public static class ShareRegistration
{
    /// <summary>A guest of the share link in the path; nothing else (a member's session or token does not count here).</summary>
    public const string GuestPolicy = "share-guest";

    public static IServiceCollection AddShares(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShareOptions>().Bind(configuration.GetSection(ShareOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SharePasswordAttempts>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, GuestAuthentication>(GuestAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(GuestPolicy, p => p.AddAuthenticationSchemes(GuestAuthentication.SchemeName).RequireAuthenticatedUser());
        return services;
    }
}
