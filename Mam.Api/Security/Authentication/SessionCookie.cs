using Mam.Api.Security.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Mam.Api.Security.Authentication;

/// <summary>The session cookie of people signed in at /login or through single sign-on.</summary>
internal static class SessionCookie
{
    public const string Name = "mam-session";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = Name;
        o.Cookie.HttpOnly = true;
        // Lax: a link from mail to a clip opens signed in, while another site's form posts and
        // scripts never carry the cookie (every write is a POST, PUT or DELETE).
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.SlidingExpiration = true;
        o.LoginPath = "/login";
        o.LogoutPath = "/logout";
        o.AccessDeniedPath = "/login";
        o.Events.OnValidatePrincipal = ValidateAsync;
        o.Events.OnRedirectToLogin = context => IsPage(context.Request)
            ? Redirect(context)
            : SignInProblems.Unauthorized().ExecuteAsync(context.HttpContext);
        o.Events.OnRedirectToAccessDenied = context => SignInProblems.Forbidden().ExecuteAsync(context.HttpContext);
    }

    /// <summary>Every request, not every 30 minutes as Identity's default: a person deleted, or
    /// whose password changed, is signed out at their next click.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var caller = await http.RequestServices.GetRequiredService<Callers>().OfAsync(http, http.RequestAborted, context.Principal).ConfigureAwait(false);
        if (caller is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        }
    }

    /// <summary>A browser asking for a page goes to the sign-in form; everything else gets a 401 problem.</summary>
    private static bool IsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
