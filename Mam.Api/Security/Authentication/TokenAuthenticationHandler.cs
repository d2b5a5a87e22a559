using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Api.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.Authentication;

/// <summary>`Authorization: Bearer mam_…`: a personal access token, for machines.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "token";
    private static readonly object RefusalKey = new();

    public static bool CarriesToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        var (token, refusal) = await tokens.FindAsync(secret, Context.RequestAborted).ConfigureAwait(false);
        if (refusal is not null || token is null)
        {
            Context.Items[RefusalKey] = refusal;
            return AuthenticateResult.Fail(refusal ?? "The access token is not known to this server.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.PersonId.ToString()),
            new(ClaimTypes.Name, token.PersonName),
            new(AccessClaims.Token, token.Id.ToString()),
        };
        if (token.ProjectId is { } project)
        {
            claims.Add(new Claim(AccessClaims.TokenProject, project.ToString()));
        }
        if (token.Role is { } role)
        {
            claims.Add(new Claim(AccessClaims.TokenRole, role.ToString()));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var refusal = Context.Items[RefusalKey] as string;
        return SignInProblems.Unauthorized(refusal).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SignInProblems.Forbidden().ExecuteAsync(Context);
}
