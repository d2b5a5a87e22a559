using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Activity;

/// <summary>Writes what happened on a project, from whichever process it happened in (the API for
/// comments and approvals, a worker for a clip processed or a fixity failure): the event row, and a
/// delivery for each of the project's webhooks that wants it, saved with the change it describes.
/// Live pages and the webhook sender of every API instance find the row; <see cref="ActivitySignal"/>
/// wakes those in this process at once.</summary>
public static class ProjectEvents
{
    /// <summary>The kinds of event there are (webhook filters, the tray, the digest).</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "comment", "mention", "approval", "approval-requested", "gate-advanced", "version-locked", "version-unlocked",
        "card-offloaded", "card-complete", "clip-processed", "clip-failed", "fixity-failure", "restore-done",
    ];

    /// <param name="person">For a mention: the person named, the only one who sees it.</param>
    public static async Task<ProjectEvent> AddAsync(CatalogDbContext db, ActivitySignal signal, Guid projectId, string kind, Guid? assetId, string actor, string text, DateTime now,
        CancellationToken cancellationToken, Guid? person = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(signal);
        var item = new ProjectEvent { ProjectId = projectId, Kind = kind, AssetId = assetId, PersonId = person, Actor = actor, Text = Shorten(text), At = now };
        db.ProjectEvents.Add(item);
        var hooks = await db.WebhookEndpoints.AsNoTracking().Where(w => w.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var hook in hooks.Where(h => h.Events.Count == 0 || h.Events.Contains(kind)))
        {
            db.WebhookDeliveries.Add(new WebhookDelivery { Id = Guid.NewGuid(), EndpointId = hook.Id, Event = item, State = DeliveryState.Pending, NextAttemptAt = now });
        }
        signal.WakeAfterSaving(db);
        return item;
    }

    /// <summary>An error message or a comment can be long; an event is a line in a tray.</summary>
    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..1999] + "…";
}
