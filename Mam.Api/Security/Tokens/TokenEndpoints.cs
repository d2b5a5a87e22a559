using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Api.Security.Authentication;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.Tokens;

public sealed record CreateTokenRequest(string? Name, string? Project, string? Role, int? ExpiresInDays);

public sealed record TokenView(Guid Id, string Name, string? Project, string? Role, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>The new token's secret: in this answer only, never again.</summary>
public sealed record CreatedToken(TokenView Token, string Secret);

/// <summary>Personal access tokens: each person makes, lists and revokes their own.</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/tokens").WithTags("People").RequireAuthorization(Policies.SignedIn);
        tokens.MapGet("/", ListAsync).NotPaged().WithSummary("Your access tokens (never their secrets)");
        tokens.MapPost("/", CreateAsync).Audited(AuditActions.TokenCreated).WithSummary("Make an access token, scoped to a project and role, expiring; its secret is shown once");
        tokens.MapDelete("/{id:guid}", RevokeAsync).Audited(AuditActions.TokenRevoked).WithSummary("Revoke a token at once");
        return app;
    }

    private static async Task<Ok<List<TokenView>>> ListAsync(HttpContext context, Callers callers, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))!;
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.PersonId == caller.PersonId).OrderByDescending(t => t.CreatedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await ProjectNamesAsync(db, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(t => View(t, names)).ToList());
    }

    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, HttpContext context, Callers callers, CatalogDbContext db, AccessTokens tokens, IOptions<AccessOptions> options, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))!;
        if (context.Audit() is { } audit)
        {
            (audit.Project, audit.Detail) = (request.Project, $"'{request.Name}'{(request.Role is null ? "" : $", role {request.Role}")}");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > Mam.Contracts.Limits.NameLength)
        {
            return ApiProblems.Invalid("Give the token a name (what it is for: 'agent on the DIT cart'), up to 255 characters.");
        }
        var max = options.Value.MaxTokenLifetime;
        var lifetime = request.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : options.Value.DefaultTokenLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > max)
        {
            return ApiProblems.Invalid($"expiresInDays must be from 1 to {max.TotalDays:0}: every token expires.");
        }
        ProjectRole? role = null;
        if (request.Role is not null)
        {
            if (!Enum.TryParse<ProjectRole>(request.Role, ignoreCase: true, out var parsed) || int.TryParse(request.Role, out _))
            {
                return ApiProblems.Invalid($"role '{request.Role}' is not one of {string.Join(", ", Enum.GetNames<ProjectRole>().Select(n => n.ToLowerInvariant()))}.");
            }
            role = parsed;
        }
        Guid? projectId = null;
        if (request.Project is not null)
        {
            projectId = await db.Projects.Where(p => p.Name == request.Project).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (projectId is null || !caller.Can(projectId.Value, Right.Read))
            {
                return ApiProblems.NotFound($"There is no project '{request.Project}'.");
            }
        }
        // A token can only narrow what its person has; whatever it names, each use is checked again.
        var (token, secret) = await tokens.CreateAsync(caller.PersonId, request.Name.Trim(), projectId, role, lifetime, cancellationToken).ConfigureAwait(false);
        var names = await ProjectNamesAsync(db, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedToken(View(token, names), secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, HttpContext context, Callers callers, CatalogDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))!;
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id && (t.PersonId == caller.PersonId || caller.IsAdministrator), cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return ApiProblems.NotFound($"You have no token {id}.");
        }
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        context.Audit()?.Detail = $"'{token.Name}'";
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static Task<Dictionary<Guid, string>> ProjectNamesAsync(CatalogDbContext db, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

    private static TokenView View(AccessToken t, Dictionary<Guid, string> projects) =>
        new(t.Id, t.Name, t.ProjectId is { } p ? projects.GetValueOrDefault(p) : null, t.Role?.ToString().ToLowerInvariant(), t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}
