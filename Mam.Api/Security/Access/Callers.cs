using System.Security.Claims;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.Access;

/// <summary>Turns the signed-in principal into a <see cref="Caller"/>, once per request.</summary>
public sealed class Callers(IDbContextFactory<CatalogDbContext> catalog, AccessCache cache)
{
    private static readonly object ItemKey = new();

    /// <summary>Identity's claim type for the security stamp in its cookie.</summary>
    private const string StampClaim = "AspNet.Identity.SecurityStamp";

    /// <returns>Null when nobody is signed in, or the person no longer exists.</returns>
    /// <param name="principal">The principal being authenticated, before it becomes <see cref="HttpContext.User"/>.</param>
    public async Task<Caller?> OfAsync(HttpContext context, CancellationToken cancellationToken, ClaimsPrincipal? principal = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var known))
        {
            return (Caller?)known;
        }
        var caller = await LoadAsync(principal ?? context.User, cancellationToken).ConfigureAwait(false);
        context.Items[ItemKey] = caller;
        return caller;
    }

    private async Task<Caller?> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var personId))
        {
            return null;
        }
        var person = await cache.GetAsync("person:" + personId, () => PersonAsync(personId, cancellationToken)).ConfigureAwait(false);
        // A changed security stamp (new password, sign-out everywhere) ends the sessions made before it.
        var stamp = user.FindFirstValue(StampClaim);
        if (person is null || (stamp is not null && stamp != person.SecurityStamp))
        {
            return null;
        }
        Guid? onlyProject = Guid.TryParse(user.FindFirstValue(AccessClaims.TokenProject), out var project) ? project : null;
        ProjectRole? cap = Enum.TryParse<ProjectRole>(user.FindFirstValue(AccessClaims.TokenRole), out var role) ? role : null;
        return new Caller(personId, person.DisplayName, person.IsAdministrator, person.Roles, onlyProject, cap);
    }

    private async Task<PersonAccess?> PersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var person = await db.Users.AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new { p.DisplayName, p.IsAdministrator, p.SecurityStamp, Roles = p.Memberships.Select(m => new { m.ProjectId, m.Role }).ToList() })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return person is null ? null : new PersonAccess(person.DisplayName, person.IsAdministrator, person.SecurityStamp, person.Roles.ToDictionary(m => m.ProjectId, m => m.Role));
    }

    private sealed record PersonAccess(string DisplayName, bool IsAdministrator, string? SecurityStamp, IReadOnlyDictionary<Guid, ProjectRole> Roles);
}
