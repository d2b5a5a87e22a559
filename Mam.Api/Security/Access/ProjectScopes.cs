using Mam.Catalog.Entities;

namespace Mam.Api.Security.Access;

/// <summary>Lists narrowed to the projects a caller may read: the same rule for assets, cards,
/// tags, operations and search.</summary>
public static class ProjectScopes
{
    /// <param name="projects">From <see cref="Caller.ProjectsWith"/>; null means every project.</param>
    public static IQueryable<Asset> VisibleIn(this IQueryable<Asset> assets, IReadOnlySet<Guid>? projects) =>
        projects is null ? assets : assets.Where(a => projects.Contains(a.Card!.ProjectId));

    public static IQueryable<Card> VisibleIn(this IQueryable<Card> cards, IReadOnlySet<Guid>? projects) =>
        projects is null ? cards : cards.Where(c => projects.Contains(c.ProjectId));

    public static async Task<IReadOnlySet<Guid>?> ReadableProjectsAsync(this Callers callers, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callers);
        var caller = await callers.OfAsync(context, cancellationToken).ConfigureAwait(false);
        return caller is null ? new HashSet<Guid>() : caller.ProjectsWith(Right.Read);
    }
}
