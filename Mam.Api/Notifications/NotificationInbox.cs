using System.Globalization;
using Mam.Catalog;
using Mam.Catalog.Entities.Notifications;
using Mam.Catalog.Entities.Review;
using Mam.Workers.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Notifications;

/// <summary>One person's notifications: the events of the projects they follow and may read now
/// (<see cref="Follows"/>), which of them are read, and marking them read.</summary>
public sealed class NotificationInbox(IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock)
{
    /// <summary>A badge says "99+" past this; counting further only costs.</summary>
    public const int UnreadCap = 1000;

    public async Task<NotificationList> ListAsync(Guid personId, string personName, IReadOnlySet<Guid>? narrowedTo, long before, int take, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projects = await Follows.FollowedAsync(db, personId, narrowedTo, cancellationToken).ConfigureAwait(false);
        var events = Follows.EventsFor(db, personId, personName, projects.Keys, 0);
        if (before > 0)
        {
            events = events.Where(e => e.Id < before);
        }
        var newest = await events.OrderByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        var (through, marked) = await ReadStateAsync(db, personId, newest.Select(e => e.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var unread = await UnreadAsync(db, personId, personName, projects.Keys, cancellationToken).ConfigureAwait(false);
        return new NotificationList(unread, newest.Select(e => View(e, projects, personId, e.Id <= through || marked.Contains(e.Id))).ToList());
    }

    /// <summary>For a live tray: the notifications after <paramref name="after"/>, oldest first (access is read again each time).</summary>
    public async Task<List<NotificationView>> AfterAsync(Guid personId, string personName, IReadOnlySet<Guid>? narrowedTo, long after, int take, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projects = await Follows.FollowedAsync(db, personId, narrowedTo, cancellationToken).ConfigureAwait(false);
        var events = await Follows.EventsFor(db, personId, personName, projects.Keys, after).OrderBy(e => e.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return events.Select(e => View(e, projects, personId, false)).ToList();
    }

    /// <summary>The newest event id there is: where a live tray opened without a position starts.</summary>
    public async Task<long> LatestAsync(CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.ProjectEvents.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    public async Task<int> MarkReadAsync(Guid personId, string personName, IReadOnlySet<Guid>? narrowedTo, long? through, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var state = await db.NotificationStates.SingleOrDefaultAsync(s => s.PersonId == personId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            state = new NotificationState { PersonId = personId };
            db.NotificationStates.Add(state);
        }
        state.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (through is { } upTo && upTo > state.ReadThrough)
        {
            state.ReadThrough = upTo;
            await db.NotificationReads.Where(r => r.PersonId == personId && r.EventId <= upTo).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        var wanted = ids.Where(i => i > state.ReadThrough).Distinct().ToList();
        var known = await db.ProjectEvents.AsNoTracking().Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var already = await db.NotificationReads.AsNoTracking().Where(r => r.PersonId == personId && known.Contains(r.EventId)).Select(r => r.EventId).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.NotificationReads.AddRange(known.Except(already).Select(id => new NotificationRead { PersonId = personId, EventId = id }));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The same person's other tab marked the same notifications at the same moment: they are read either way.
        }
        var projects = await Follows.FollowedAsync(db, personId, narrowedTo, cancellationToken).ConfigureAwait(false);
        return await UnreadAsync(db, personId, personName, projects.Keys, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> UnreadAsync(CatalogDbContext db, Guid personId, string personName, IReadOnlyCollection<Guid> projects, CancellationToken cancellationToken)
    {
        var through = await db.NotificationStates.AsNoTracking().Where(s => s.PersonId == personId).Select(s => (long?)s.ReadThrough).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        return await Follows.EventsFor(db, personId, personName, projects, through)
            .Where(e => !db.NotificationReads.Any(r => r.PersonId == personId && r.EventId == e.Id))
            .Take(UnreadCap).CountAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(long Through, HashSet<long> Marked)> ReadStateAsync(CatalogDbContext db, Guid personId, List<long> ids, CancellationToken cancellationToken)
    {
        var through = await db.NotificationStates.AsNoTracking().Where(s => s.PersonId == personId).Select(s => (long?)s.ReadThrough).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        var marked = await db.NotificationReads.AsNoTracking().Where(r => r.PersonId == personId && ids.Contains(r.EventId)).Select(r => r.EventId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (through, marked.ToHashSet());
    }

    private static NotificationView View(ProjectEvent e, Dictionary<Guid, string> projects, Guid personId, bool read) =>
        new(e.Id, e.Kind, projects[e.ProjectId], e.AssetId, e.Actor, e.Text, e.At, ClipUrl(e), e.PersonId == personId, read);

    public static string? ClipUrl(ProjectEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.AssetId is not { } asset ? null
            : e.Position is { } t ? string.Create(CultureInfo.InvariantCulture, $"/clips/{asset}?t={Math.Round(t, 3)}")
            : $"/clips/{asset}";
    }
}
