using Mam.Api.Audit;
using Mam.Api.Security.SignIn;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace Mam.Api.Security.SingleSignOn;

/// <summary>A single sign-on that did not succeed ends on the sign-in page with a sentence saying
/// why, never a 500: the password form stays usable. Details go to the log, not to the page.</summary>
internal static partial class SingleSignOnFailures
{
    public static async Task ShowAsync(RemoteFailureContext context)
    {
        var http = context.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnFailures).FullName!);
        LogFailed(logger, context.Failure?.GetType().Name ?? "none", context.Failure?.Message ?? "");
        var (message, status) = Explain(context.Failure, context.Scheme.DisplayName ?? "single sign-on");
        await http.RecordAuditAsync(AuditActions.SignInFailed, $"single sign-on: {message}", status).ConfigureAwait(false);
        context.HandleResponse();
        await ShowAsync(http, context.Properties?.Items.TryGetValue("returnUrl", out var back) == true ? back : null, message, status).ConfigureAwait(false);
    }

    public static async Task ShowAsync(HttpContext http, string? returnUrl, string message, int status)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var schemes = http.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        var sso = await SignInEndpoints.SingleSignOnAsync(schemes).ConfigureAwait(false);
        await SignInPage.Render(http, antiforgery, returnUrl, message, status, sso).ExecuteAsync(http).ConfigureAwait(false);
    }

    public static string Unavailable(string displayName) =>
        $"Sign-in with {displayName} is unavailable right now: the provider did not answer. Sign in with your password, or try again later.";

    internal static (string Message, int Status) Explain(Exception? failure, string displayName)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SecurityTokenInvalidAudienceException:
                    return ($"Sign-in with {displayName} was refused: the provider's token was issued to another application, not to this server.", StatusCodes.Status401Unauthorized);
                case SecurityTokenException:
                    return ($"Sign-in with {displayName} was refused: the provider's answer could not be verified.", StatusCodes.Status401Unauthorized);
                case HttpRequestException or TaskCanceledException:
                    return (Unavailable(displayName), StatusCodes.Status503ServiceUnavailable);
            }
        }
        if (failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true)
        {
            return ($"Sign-in with {displayName} was cancelled.", StatusCodes.Status401Unauthorized);
        }
        if (failure?.Message.Contains("IDX20803", StringComparison.Ordinal) == true)
        {
            return (Unavailable(displayName), StatusCodes.Status503ServiceUnavailable);
        }
        return ($"Sign-in with {displayName} did not complete (it may have expired, or been started in another window). Please try again.", StatusCodes.Status400BadRequest);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on failed ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string kind, string reason);
}
