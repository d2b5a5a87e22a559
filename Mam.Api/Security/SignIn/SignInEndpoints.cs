using System.Globalization;
using Mam.Api.Audit;
using Mam.Api.Security.Access;
using Mam.Catalog.Entities.People;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Mam.Api.Security.SignIn;

/// <summary>/login (password), /logout, and the one-time link of the first administrator.</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Sign-in").ExcludeFromDescription();
        group.MapGet("/login", async (HttpContext context, IAntiforgery antiforgery, IAuthenticationSchemeProvider schemes, string? returnUrl) =>
                SignInPage.Render(context, antiforgery, returnUrl, null, StatusCodes.Status200OK, await SingleSignOnAsync(schemes).ConfigureAwait(false)))
            .AllowAnonymous();
        group.MapPost("/login", SignInAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SignInRateLimit.Policy).Audited(AuditActions.SignIn, "password");
        group.MapPost("/logout", async (HttpContext context, SignInManager<Person> signIn) =>
            {
                await signIn.SignOutAsync().ConfigureAwait(false);
                return Results.Redirect("/login", preserveMethod: false);
            })
            .RequireAuthorization(Policies.SignedIn).Audited(AuditActions.SignOut);
        group.MapGet(SignInLinks.Path, RedeemAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy).Audited(AuditActions.SignIn, "one-time link");
        return app;
    }

    /// <summary>The single sign-on providers configured, for the buttons on the form.</summary>
    public static async Task<IEnumerable<(string Scheme, string DisplayName)>> SingleSignOnAsync(IAuthenticationSchemeProvider schemes)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        return (await schemes.GetRequestHandlerSchemesAsync().ConfigureAwait(false))
            .Where(s => s.DisplayName is not null)
            .Select(s => (s.Name, s.DisplayName!));
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<Person> signIn, UserManager<Person> people, IAuthenticationSchemeProvider schemes, CancellationToken cancellationToken)
    {
        var sso = await SingleSignOnAsync(schemes).ConfigureAwait(false);
        if (!context.Request.HasFormContentType)
        {
            return SignInPage.Render(context, antiforgery, null, "Send the form on this page.", StatusCodes.Status400BadRequest, sso);
        }
        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var returnUrl = form["returnUrl"].ToString();
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return SignInPage.Render(context, antiforgery, returnUrl, "The form had expired; please sign in again.", StatusCodes.Status400BadRequest, sso);
        }
        var name = form["name"].ToString().Trim();
        var person = await people.FindByNameAsync(name).ConfigureAwait(false) ?? await people.FindByEmailAsync(name).ConfigureAwait(false);
        // The name tried is kept, whoever it belongs to; a refused attempt is recorded as sign-in-failed.
        context.Audit()?.Detail = $"password, as {name}";
        // The same answer for an unknown name and a wrong password: the form does not tell who exists.
        const string Wrong = "That name and password do not match.";
        if (person is null)
        {
            return SignInPage.Render(context, antiforgery, returnUrl, Wrong, StatusCodes.Status401Unauthorized, sso);
        }
        var result = await signIn.PasswordSignInAsync(person, form["password"].ToString(), isPersistent: true, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            context.Audit()?.Actor = new Actor(person.Id.ToString(), person.DisplayName);
            return Results.Redirect(SignInPage.SafeReturnUrl(returnUrl), preserveMethod: false);
        }
        if (result.IsLockedOut)
        {
            var until = await people.GetLockoutEndDateAsync(person).ConfigureAwait(false);
            return SignInPage.Render(context, antiforgery, returnUrl,
                string.Create(CultureInfo.InvariantCulture, $"Too many wrong passwords: signing in as {name} is locked until {until:HH:mm} UTC."), StatusCodes.Status403Forbidden, sso);
        }
        return SignInPage.Render(context, antiforgery, returnUrl, Wrong, StatusCodes.Status401Unauthorized, sso);
    }

    private static async Task<IResult> RedeemAsync(HttpContext context, string? code, SignInLinks links, UserManager<Person> people, SignInManager<Person> signIn, CancellationToken cancellationToken)
    {
        var personId = string.IsNullOrEmpty(code) ? null : await links.RedeemAsync(code, cancellationToken).ConfigureAwait(false);
        var person = personId is { } id ? await people.FindByIdAsync(id.ToString()).ConfigureAwait(false) : null;
        if (person is null)
        {
            return SignInPage.Page(context, "Sign-in link", "<h1>This sign-in link does not work</h1><p>It was used already, has expired, or was copied wrong. Ask an administrator for a new one, or <a href=\"/login\">sign in</a> with your password.</p>", StatusCodes.Status400BadRequest);
        }
        await signIn.SignInAsync(person, isPersistent: true).ConfigureAwait(false);
        context.Audit()?.Actor = new Actor(person.Id.ToString(), person.DisplayName);
        return Results.Redirect(AccountEndpoints.Path, preserveMethod: false);
    }
}
