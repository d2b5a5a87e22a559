using System.Globalization;
using System.Text;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Audit;

/// <summary>Reading the audit trail (server administrators), and the clip page's report of watched
/// seconds (anyone who may read the clip). There is no route that changes or deletes a row.</summary>
public static class AuditEndpoints
{
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit");
        audit.MapGet("", ListAsync).PagedBy($"take (1 to {MaxTake}) and the next link's after", "take").RequireAuthorization(Policies.Administrator)
            .WithSummary("The audit trail, newest first, a page at a time: who did what, when, from where, and how it went")
            .WithDescription("""
                Filters (optional, combined): project, person (id, user name or name), asset, from/to (ISO date = whole UTC day,
                or date and time), action, result (ok, refused, failed). take: rows per page (1 to 1000, default 100);
                next is the link to the following page.
                """);
        app.MapGet("/api/audit.csv", Csv).NotPaged("answers every matching row; GET /api/audit pages").RequireAuthorization(Policies.Administrator).WithTags("Audit").Audited(AuditActions.Export, "audit trail (CSV)")
            .WithSummary("The audit trail as CSV with a header row; the same filters, every matching row, newest first");
        app.MapPost("/api/assets/{id:guid}/watched", WatchedAsync).RequireAssetRight(Right.Read).WithTags("Audit")
            .WithSummary("The clip page's report of seconds watched (every 15 s while playing, and when it stops), for the audit trail");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] AuditFilter filter, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken,
        int take = 100, string? after = null)
    {
        if (Paging.Check(take, MaxTake) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await ResolvePersonAsync(filter, db, cancellationToken).ConfigureAwait(false);
        IQueryable<AuditEvent> query;
        try
        {
            query = filter.Apply(db.AuditEvents.AsNoTracking());
            if (after is not null)
            {
                var (at, id) = PageMark.Read(after);
                query = query.Where(e => e.At < at || (e.At == at && e.Id < id));
            }
        }
        catch (ArgumentException e)
        {
            return ApiProblems.Invalid(e.Message);
        }
        var rows = await query.Take(take + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var next = rows.Count > take
            ? $"/api/audit?{string.Join("&", new[] { filter.ToQuery(), $"take={take}", $"after={PageMark.Of(rows[take - 1])}" }.Where(p => p.Length > 0))}"
            : null;
        return TypedResults.Ok(new AuditPage(rows.Take(take).Select(AuditEventView.Of).ToList(), next));
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> Csv(
        HttpContext http, [AsParameters] AuditFilter filter, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock)
    {
        try
        {
            // A bad filter is refused before anything is sent (the rows are read once the answer has begun).
            _ = filter.Apply(Enumerable.Empty<AuditEvent>().AsQueryable());
        }
        catch (ArgumentException e)
        {
            return ApiProblems.Invalid(e.Message);
        }
        if (http.Audit() is { } audit && filter.ToQuery() is { Length: > 0 } query)
        {
            audit.Detail = $"audit trail (CSV): {Uri.UnescapeDataString(query)}";
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv");
        return TypedResults.Stream(async body =>
        {
            var cancellationToken = http.RequestAborted;
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
            await writer.WriteAsync(AuditCsv.Header + "\r\n").ConfigureAwait(false);
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await ResolvePersonAsync(filter, db, cancellationToken).ConfigureAwait(false);
            // Streamed row by row: the whole trail is never held in memory.
            await foreach (var e in filter.Apply(db.AuditEvents.AsNoTracking()).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(AuditCsv.Row(e) + "\r\n").ConfigureAwait(false);
            }
        }, "text/csv; charset=utf-8", name);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WatchedAsync(
        Guid id, WatchedReport report, HttpContext http, Callers callers, PlaybackTallies tallies, TimeProvider clock)
    {
        if (report.Problem() is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }
        var actor = await Actor.OfAsync(http, callers).ConfigureAwait(false);
        await tallies.AddAsync(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actor.Id,
            ActorName = actor.Name,
            ClientAddress = RequestAudit.AddressOf(http),
            Action = AuditActions.Watch,
            AssetId = id,
            Result = AuditResults.Ok,
            Status = StatusCodes.Status204NoContent,
            Seconds = report.Seconds,
        }, report.View).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>person= may be a user name, which the trail does not keep (it keeps the id and display name).</summary>
    private static async Task ResolvePersonAsync(AuditFilter filter, CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            var userName = filter.Person.Trim();
            filter.PersonId = (await db.Users.AsNoTracking().Where(p => p.UserName == userName).Select(p => (Guid?)p.Id)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false))?.ToString();
        }
    }

    /// <summary>Where the next page starts: the last row's time and id, e.g. 638695584000000000-1234.</summary>
    private static class PageMark
    {
        public static string Of(AuditEvent e) => string.Create(CultureInfo.InvariantCulture, $"{e.At.Ticks}-{e.Id}");

        public static (DateTime At, long Id) Read(string mark)
        {
            var parts = mark.Split('-');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (new DateTime(ticks, DateTimeKind.Utc), id)
                : throw new ArgumentException("'after' is not a page mark from a previous page's next link.");
        }
    }
}
