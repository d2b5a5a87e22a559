using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Notifications;

/// <summary>Whose notifications are which. A person follows a project they may read now — members
/// their projects unless they chose not to, a server administrator the projects they chose — and is
/// told of its events: not their own, and a mention only when it names them. Read from the catalog
/// each time, so withdrawn access ends the notifications at once.</summary>
public static class Follows
{
    public sealed record Followed(Guid ProjectId, string Project, bool Member, bool? Choice);

    /// <summary>Every project the person may read, with whether they follow it (<see cref="Following"/>).</summary>
    public static async Task<List<Followed>> ReadableAsync(CatalogDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var person = await db.Users.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.IsAdministrator }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return [];
        }
        var members = await db.ProjectMemberships.AsNoTracking().Where(m => m.PersonId == personId).Select(m => m.ProjectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var choices = await db.ProjectFollows.AsNoTracking().Where(f => f.PersonId == personId).ToDictionaryAsync(f => f.ProjectId, f => f.Following, cancellationToken).ConfigureAwait(false);
        var projects = person.IsAdministrator
            ? await db.Projects.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken).ConfigureAwait(false)
            : await db.Projects.AsNoTracking().Where(p => members.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return projects.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new Followed(p.Id, p.Name, members.Contains(p.Id), choices.TryGetValue(p.Id, out var c) ? c : null)).ToList();
    }

    public static bool Following(Followed project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Choice ?? project.Member;
    }

    /// <summary>The projects the person follows and may read now; <paramref name="narrowedTo"/> (a token's
    /// own projects; null: no narrowing) can only take some away.</summary>
    public static async Task<Dictionary<Guid, string>> FollowedAsync(CatalogDbContext db, Guid personId, IReadOnlySet<Guid>? narrowedTo, CancellationToken cancellationToken) =>
        (await ReadableAsync(db, personId, cancellationToken).ConfigureAwait(false))
            .Where(p => Following(p) && (narrowedTo is null || narrowedTo.Contains(p.ProjectId)))
            .ToDictionary(p => p.ProjectId, p => p.Project);

    /// <summary>The person's notifications among <paramref name="projects"/> after event <paramref name="after"/>, oldest first.</summary>
    public static IQueryable<ProjectEvent> EventsFor(CatalogDbContext db, Guid personId, string personName, IReadOnlyCollection<Guid> projects, long after)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = projects.ToList();
        return db.ProjectEvents.AsNoTracking()
            .Where(e => ids.Contains(e.ProjectId) && e.Id > after && (e.PersonId == null || e.PersonId == personId) && e.Actor != personName);
    }
}
