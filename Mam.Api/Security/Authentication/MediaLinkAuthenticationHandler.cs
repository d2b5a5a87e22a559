using System.Security.Claims;
using System.Text.Encodings.Web;
using Mam.Api.Security.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.Authentication;

/// <summary>`?link=…` on a media path: see <see cref="MediaLinks"/>.</summary>
public sealed class MediaLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MediaLinks links)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "media-link";
    private static readonly object RefusalKey = new();

    public static bool CarriesLink(HttpRequest request) => request.Query.ContainsKey(MediaLinks.QueryName);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var code = Request.Query[MediaLinks.QueryName].ToString();
        if (code.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var read = links.Read(code, out var refusal);
        if (read is { } named && !string.Equals(named.Path, Request.Path.Value, StringComparison.Ordinal))
        {
            // Never a way in elsewhere: a link for one proxy is not a session.
            (read, refusal) = (null, "This media link is for another file; ask for a link to this one.");
        }
        if (read is not { } link)
        {
            Context.Items[RefusalKey] = refusal;
            return Task.FromResult(AuthenticateResult.Fail(refusal ?? "The media link is not valid."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, link.PersonId.ToString()), new Claim(AccessClaims.LinkPath, link.Path)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        SignInProblems.Unauthorized(Context.Items[RefusalKey] as string).ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SignInProblems.Forbidden().ExecuteAsync(Context);
}
