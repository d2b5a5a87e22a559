using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Mam.Workers.Activity;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Activity;

public sealed record ProjectEventView(long Id, string Kind, Guid? AssetId, string Actor, string Text, DateTime At, string? ClipUrl, bool ForYou);

/// <summary>Records what happened on a project and wakes the live pages that follow it. Events are rows
/// in the catalog (so every API instance's followers see them, and a page that reconnects catches up
/// from its Last-Event-ID); the wake-up is in-process, and streams also look every few seconds for
/// what other instances wrote.</summary>
public sealed class ProjectActivity(IDbContextFactory<CatalogDbContext> catalog, ActivitySignal signal, TimeProvider clock)
{
    /// <summary>Adds the event to the context (saved with the change it describes), a delivery for each
    /// of the project's webhooks that wants it, and wakes the streams and the sender after saving.</summary>
    public Task<ProjectEvent> AddAsync(CatalogDbContext db, Guid projectId, string kind, Guid? assetId, string actor, string text, CancellationToken cancellationToken, Guid? person = null) =>
        ProjectEvents.AddAsync(db, signal, projectId, kind, assetId, actor, text, clock.GetUtcNow().UtcDateTime, cancellationToken, person);

    /// <summary>The kinds of event there are, for webhook filters.</summary>
    public static IReadOnlyList<string> Kinds => ProjectEvents.Kinds;

    /// <summary>Wakes the streams and the webhook sender (something is due now).</summary>
    public void Nudge() => signal.Nudge();

    /// <summary>Completes when an event is written in this process.</summary>
    public Task Written => signal.Written;

    public async Task<List<ProjectEventView>> AfterAsync(Guid projectId, long after, Guid personId, int take, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.ProjectEvents.AsNoTracking()
            .Where(e => e.ProjectId == projectId && e.Id > after && (e.PersonId == null || e.PersonId == personId))
            .OrderBy(e => e.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return events.Select(e => new ProjectEventView(e.Id, e.Kind, e.AssetId, e.Actor, e.Text, e.At, e.AssetId is { } a ? $"/clips/{a}" : null, e.PersonId == personId)).ToList();
    }
}
