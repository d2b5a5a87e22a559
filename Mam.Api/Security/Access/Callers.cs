using System.Security.Claims;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.Access;

/// <summary>Turns the signed-in principal into a <see cref="Caller"/>, once per request.</summary>
public sealed class Callers(IDbContextFactory<CatalogDbContext> catalog)
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
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var person = await db.Users.AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new { p.DisplayName, p.IsAdministrator, p.SecurityStamp })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        // A changed security stamp (new password, sign-out everywhere) ends the sessions made before it.
        var stamp = user.FindFirstValue(StampClaim);
        if (person is null || (stamp is not null && stamp != person.SecurityStamp))
        {
            return null;
        }
        var roles = await db.ProjectMemberships.AsNoTracking()
            .Where(m => m.PersonId == personId)
            .ToDictionaryAsync(m => m.ProjectId, m => m.Role, cancellationToken).ConfigureAwait(false);
        Guid? onlyProject = Guid.TryParse(user.FindFirstValue(AccessClaims.TokenProject), out var project) ? project : null;
        ProjectRole? cap = Enum.TryParse<ProjectRole>(user.FindFirstValue(AccessClaims.TokenRole), out var role) ? role : null;
        return new Caller(personId, person.DisplayName, person.IsAdministrator, roles, onlyProject, cap);
    }
}
