using System.Globalization;
using Mam.Api.Problems;
using Mam.Api.Review.Activity;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Notifications;
using Mam.Workers.Activity;
using Mam.Workers.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Notifications;

/// <summary>The signed-in person's notifications (the tray on every page): a list with the unread
/// count, live over Server-Sent Events (resuming after <c>Last-Event-ID</c>), marking read; and
/// which projects they follow.</summary>
public static class NotificationEndpoints
{
    /// <summary>Notifications read from the catalog at a time while catching up.</summary>
    private const int Page = 100;

    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        mine.MapGet("/", ListAsync)
            .WithSummary("Your notifications, newest first (?before=id&take=), with the unread count; live with Accept: text/event-stream (?after=id, resumes after Last-Event-ID)");
        mine.MapPost("/read", MarkReadAsync).WithSummary("Mark notifications read: {\"through\": id} for all up to one, or {\"ids\": [...]}; answers the unread count");
        app.MapGet("/api/follows", FollowsAsync).WithTags("Notifications").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The projects you may read and whether you follow each (members follow their projects unless they choose not to)");
        var follow = app.MapGroup("/api/projects/{project}/follow").WithTags("Notifications").RequireAuthorization(Policies.Read);
        follow.MapPut("/", (string project, HttpContext http, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken) =>
            FollowAsync(project, true, http, callers, guard, catalog, clock, cancellationToken)).WithSummary("Follow the project: its events come to your tray and daily digest");
        follow.MapDelete("/", (string project, HttpContext http, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken) =>
            FollowAsync(project, false, http, callers, guard, catalog, clock, cancellationToken)).WithSummary("Stop following the project (a member too)");
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, Callers callers, NotificationInbox inbox, ActivitySignal signal, CatalogEventWatch watch,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions, CancellationToken cancellationToken,
        long before = 0, long? after = null, int take = 50)
    {
        if (take is < 1 or > 200 || before < 0 || after < 0)
        {
            return ApiProblems.Invalid("take must be between 1 and 200; before and after 0 or more.");
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var narrowed = caller.ProjectsWith(Right.Read);
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(await inbox.ListAsync(caller.PersonId, caller.Name, narrowed, before, take, cancellationToken).ConfigureAwait(false));
        }
        var from = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var resumed)
            ? Math.Max(resumed, after ?? 0)
            // A tray opened without a position hears what happens from now on (the list shows the past).
            : after ?? await inbox.LatestAsync(cancellationToken).ConfigureAwait(false);
        return await LivePages.WriteAsync(http,
            LivePages.FollowAsync(signal, watch, from, Page, (position, count, ct) => inbox.AfterAsync(caller.PersonId, caller.Name, narrowed, position, count, ct), n => (n.Id, n.Kind), cancellationToken),
            jsonOptions.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<UnreadView>, ProblemHttpResult>> MarkReadAsync(
        MarkReadRequest request, HttpContext http, Callers callers, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var ids = request.Ids ?? [];
        if (request.Through is null && ids.Count == 0)
        {
            return ApiProblems.Invalid("Say what to mark read: \"through\" (an event id: it and everything before it) or \"ids\" (a list of event ids).");
        }
        if (request.Through is < 0 || ids.Count > 500 || ids.Any(i => i < 1))
        {
            return ApiProblems.Invalid("\"through\" is an event id (0 or more); \"ids\" at most 500 event ids.");
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var unread = await inbox.MarkReadAsync(caller.PersonId, caller.Name, caller.ProjectsWith(Right.Read), request.Through, ids, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UnreadView(unread));
    }

    private static async Task<Ok<List<FollowView>>> FollowsAsync(HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var narrowed = caller.ProjectsWith(Right.Read);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projects = await Follows.ReadableAsync(db, caller.PersonId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(projects.Where(p => narrowed is null || narrowed.Contains(p.ProjectId)).Select(View).ToList());
    }

    private static async Task<Results<Ok<FollowView>, ProblemHttpResult>> FollowAsync(
        string project, bool following, HttpContext http, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Read, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projectId = await db.Projects.AsNoTracking().Where(p => p.Name == project).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        var choice = await db.ProjectFollows.SingleOrDefaultAsync(f => f.PersonId == caller.PersonId && f.ProjectId == projectId, cancellationToken).ConfigureAwait(false);
        if (choice is null)
        {
            choice = new ProjectFollow { PersonId = caller.PersonId, ProjectId = projectId };
            db.ProjectFollows.Add(choice);
        }
        (choice.Following, choice.ChangedAt) = (following, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict("You changed whether you follow this project at the same moment in another window; look again and try once more.");
        }
        var member = await db.ProjectMemberships.AnyAsync(m => m.PersonId == caller.PersonId && m.ProjectId == projectId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(View(new Follows.Followed(projectId, project, member, following)));
    }

    private static FollowView View(Follows.Followed p) =>
        new(p.Project, Follows.Following(p), p.Choice is not null ? (p.Choice.Value ? "chosen" : "not following") : p.Member ? "member" : "not following");
}
