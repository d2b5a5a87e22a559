using Mam.Api.Audit;
using Mam.Api.Security.SignIn;
using Mam.Catalog.Entities.People;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.SingleSignOn;

/// <summary>/login/external/{scheme}: the "Sign in with …" button; /login/external/callback: where
/// the provider's answer, checked by the OpenID Connect handler, becomes a session.</summary>
public static partial class SingleSignOnEndpoints
{
    private const string CallbackPath = "/login/external/callback";

    public static IEndpointRouteBuilder MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/login/external").WithTags("Sign-in").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/callback", CompleteAsync).Audited(AuditActions.SignIn, "single sign-on");
        group.MapGet("/{scheme}", StartAsync);
        return app;
    }

    private static async Task StartAsync(
        HttpContext context, string scheme, string? returnUrl, IAuthenticationSchemeProvider schemes, IOptionsMonitor<OpenIdConnectOptions> oidcOptions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var back = SignInPage.SafeReturnUrl(returnUrl);
        var found = await schemes.GetSchemeAsync(scheme).ConfigureAwait(false);
        if (found is null || found.HandlerType != typeof(OpenIdConnectHandler))
        {
            await SingleSignOnFailures.ShowAsync(context, back, "There is no such single sign-on here.", StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }
        var properties = new AuthenticationProperties { RedirectUri = $"{CallbackPath}?returnUrl={Uri.EscapeDataString(back)}" };
        properties.Items["returnUrl"] = back;
        // The handler reads the provider's discovery document (cached once read) and, where the
        // provider offers it, pushes the request to it before redirecting: either fails when the
        // provider does not answer, and the person gets a sentence and the password form instead.
        try
        {
            await oidcOptions.Get(scheme).ConfigurationManager!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            await context.ChallengeAsync(scheme, properties).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && Unreachable(e, cancellationToken))
        {
            LogUnavailable(loggers.CreateLogger(typeof(SingleSignOnEndpoints).FullName!), scheme, e.Message);
            context.Response.Clear();
            await SingleSignOnFailures.ShowAsync(context, back, SingleSignOnFailures.Unavailable(found.DisplayName ?? scheme), StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
        }
    }

    private static async Task CompleteAsync(
        HttpContext context, string? returnUrl, ExternalPeople externalPeople, SignInManager<Person> signIn, CancellationToken cancellationToken)
    {
        var back = SignInPage.SafeReturnUrl(returnUrl);
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme).ConfigureAwait(false);
        await context.SignOutAsync(IdentityConstants.ExternalScheme).ConfigureAwait(false);
        if (!external.Succeeded || external.Principal is null)
        {
            await SingleSignOnFailures.ShowAsync(context, back, "Single sign-on did not complete. Please try again.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }
        var (person, refusal) = await externalPeople.SignInAsync(external.Principal, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            await SingleSignOnFailures.ShowAsync(context, back, refusal ?? "Single sign-on was refused.", StatusCodes.Status403Forbidden).ConfigureAwait(false);
            return;
        }
        await signIn.SignInAsync(person, isPersistent: true, authenticationMethod: SingleSignOnRegistration.Scheme).ConfigureAwait(false);
        context.Audit()?.Actor = new Actor(person.Id.ToString(), person.DisplayName);
        context.Response.Redirect(back);
    }

    /// <summary>What the handler throws when the provider does not answer, or answers with an error:
    /// IDX20803 (no discovery document) and a refused pushed request are InvalidOperationException.</summary>
    private static bool Unreachable(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException or InvalidOperationException or TimeoutException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on {Scheme} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string scheme, string reason);
}
