using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Activity;

public sealed record ProjectEventView(long Id, string Kind, Guid? AssetId, string Actor, string Text, DateTime At, string? ClipUrl, bool ForYou);

/// <summary>Records what happened on a project and wakes the live pages that follow it. Events are rows
/// in the catalog (so every API instance's followers see them, and a page that reconnects catches up
/// from its Last-Event-ID); the wake-up is in-process, and streams also look every few seconds for
/// what other instances wrote.</summary>
public sealed class ProjectActivity(IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock)
{
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Adds the events to the context (saved with the change they describe) and wakes the streams after saving.</summary>
    public void Add(CatalogDbContext db, Guid projectId, string kind, Guid? assetId, string actor, string text, Guid? person = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ProjectEvents.Add(new ProjectEvent { ProjectId = projectId, Kind = kind, AssetId = assetId, PersonId = person, Actor = actor, Text = text, At = clock.GetUtcNow().UtcDateTime });
        db.SavedChanges -= Wake;
        db.SavedChanges += Wake;
    }

    private void Wake(object? sender, SavedChangesEventArgs e) => Interlocked.Exchange(ref _written, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes when an event is written in this process.</summary>
    public Task Written => Volatile.Read(ref _written).Task;

    public async Task<List<ProjectEventView>> AfterAsync(Guid projectId, long after, Guid personId, int take, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.ProjectEvents.AsNoTracking()
            .Where(e => e.ProjectId == projectId && e.Id > after && (e.PersonId == null || e.PersonId == personId))
            .OrderBy(e => e.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return events.Select(e => new ProjectEventView(e.Id, e.Kind, e.AssetId, e.Actor, e.Text, e.At, e.AssetId is { } a ? $"/clips/{a}" : null, e.PersonId == personId)).ToList();
    }
}
