using System.Globalization;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Workers.Activity;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Activity;

/// <summary>A project's activity: a list after a given event, or live as Server-Sent Events
/// (<c>Accept: text/event-stream</c>), resuming after <c>Last-Event-ID</c> when a page reconnects.
/// Mentions reach only the person named.</summary>
public static class ActivityEndpoints
{
    /// <summary>Events read from the catalog at a time; a page that comes back after an hour away catches
    /// up page after page, without waiting between full pages.</summary>
    private const int Page = 100;

    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projects/{project}/events", EventsAsync).WithTags("Review").RequireAuthorization(Policies.Read)
            .WithSummary("The project's events (comments, mentions of you, approvals, gates advanced) after ?after=N; live with Accept: text/event-stream (resumes after Last-Event-ID)");
        return app;
    }

    private static async Task<IResult> EventsAsync(
        string project, HttpContext http, ProjectGuard guard, Callers callers, IDbContextFactory<CatalogDbContext> catalog, ProjectActivity activity, ActivitySignal signal, CatalogEventWatch watch,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions, CancellationToken cancellationToken, long after = 0, int take = 100)
    {
        if (await guard.CheckByNameAsync(project, Right.Read, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (take is < 1 or > 500 || after < 0)
        {
            return ApiProblems.Invalid("take must be between 1 and 500, and after 0 or more.");
        }
        Guid projectId;
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            projectId = await db.Projects.AsNoTracking().Where(p => p.Name == project).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(await activity.AfterAsync(projectId, after, caller.PersonId, take, cancellationToken).ConfigureAwait(false));
        }
        if (long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var resumed))
        {
            after = Math.Max(after, resumed);
        }
        return await LivePages.WriteAsync(http,
            LivePages.FollowAsync(signal, watch, after, Page, (position, count, ct) => activity.AfterAsync(projectId, position, caller.PersonId, count, ct), e => (e.Id, e.Kind), cancellationToken),
            jsonOptions.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
    }
}
