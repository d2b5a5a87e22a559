using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Activity;

/// <summary>A project's activity: a list after a given event, or live as Server-Sent Events
/// (<c>Accept: text/event-stream</c>), resuming after <c>Last-Event-ID</c> when a page reconnects.
/// Mentions reach only the person named.</summary>
public static class ActivityEndpoints
{
    private static readonly TimeSpan OtherInstances = TimeSpan.FromSeconds(3);

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
        string project, HttpContext http, ProjectGuard guard, Callers callers, IDbContextFactory<CatalogDbContext> catalog, ProjectActivity activity,
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
        // The headers go out at once (a browser's EventSource opens on them), before the first event.
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SseFormatter.WriteAsync(StreamAsync(activity, projectId, after, caller.PersonId, cancellationToken), http.Response.Body,
                (item, writer) =>
                {
                    using var json = new Utf8JsonWriter(writer);
                    JsonSerializer.Serialize(json, item.Data, jsonOptions.Value.SerializerOptions);
                }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
        return Results.Empty;
    }

    private static async IAsyncEnumerable<SseItem<ProjectEventView>> StreamAsync(
        ProjectActivity activity, Guid projectId, long after, Guid personId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before reading, so an event written between the read and the wait still wakes us.
            var written = activity.Written;
            var page = await activity.AfterAsync(projectId, after, personId, Page, cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                after = item.Id;
                yield return new SseItem<ProjectEventView>(item, item.Kind) { EventId = item.Id.ToString(CultureInfo.InvariantCulture) };
            }
            if (page.Count == Page)
            {
                // More missed events are waiting: the next page now, not after the next wake-up.
                continue;
            }
            try
            {
                await written.WaitAsync(OtherInstances, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look for what other API instances wrote.
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
