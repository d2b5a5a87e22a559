using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Restores;
using Mam.Contracts.Restores;
using Mam.Storage;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Restores;

/// <summary>Restores for archivists: a plan before anything moves, then the manifest the agent restores
/// from, its per-file results and the final report. Everything needs the restore right on the project;
/// a restore of a project the caller cannot restore from answers as missing.</summary>
public static class RestoreEndpoints
{
    public static IEndpointRouteBuilder MapRestoreEndpoints(this IEndpointRouteBuilder app)
    {
        var restores = app.MapGroup("/api/restores").WithTags("Restores").RequireAuthorization(Policies.Restore);
        restores.MapPost("/", PlanAsync).Audited(AuditActions.Restore)
            .WithSummary("Plan a restore of a card, some clips, or one clip between two timecodes: files, storage classes, bytes, time and archive-tier cost; nothing moves");
        restores.MapGet("/", ListAsync).WithSummary("Restores of the projects you may restore from, newest first");
        restores.MapGet("/{id:guid}", GetAsync).WithSummary("A restore: its plan, progress and per-file results");
        restores.MapPost("/{id:guid}/start", StartAsync).Audited(AuditActions.Restore)
            .WithSummary("Confirm the plan: the manifest of files with on-set hashes and URLs that read them (again: fresh URLs)");
        restores.MapPost("/{id:guid}/results", ReportAsync)
            .WithSummary("The agent's results per file (verified, failed, original), and the final report (recorded in the audit trail)");
        restores.MapGet("/{id:guid}/files/{fileId:guid}", RestoreDownloads.StreamAsync)
            .WithSummary("One file of a started restore (the folder store's manifest links here, signed); supports Range");
        return app;
    }

    private static async Task<Results<Created<RestoreView>, ProblemHttpResult>> PlanAsync(
        RestoreRequest request, HttpContext http, RestoreScopes scopes, RestorePlanner planner, Callers callers, IOptions<RestoreOptions> options, CancellationToken cancellationToken)
    {
        var (scope, problem) = await scopes.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        if (scope is null)
        {
            return problem!;
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var restore = await planner.PlanAsync(scope, caller.PersonId, caller.Describe(), request.ThroughputMiBps, cancellationToken).ConfigureAwait(false);
        var view = RestoreViews.View(restore, scope.Project, options.Value);
        Note(http, restore, scope.Project, $"planned {scope.Description}: {view.Results.Files} files, {restore.TotalBytes} bytes");
        return TypedResults.Created(view.Url, view);
    }

    private static async Task<Ok<IReadOnlyList<RestoreView>>> ListAsync(
        HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, IOptions<RestoreOptions> options, CancellationToken cancellationToken, int take = 50)
    {
        var caller = await callers.OfAsync(http, cancellationToken).ConfigureAwait(false);
        var projects = caller is null ? new HashSet<Guid>() : caller.ProjectsWith(Right.Restore);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Restores.AsNoTracking();
        if (projects is not null)
        {
            query = query.Where(r => projects.Contains(r.ProjectId));
        }
        var restores = await query.Include(r => r.Files).ThenInclude(f => f.CardFile).AsSplitQuery()
            .OrderByDescending(r => r.RequestedAt).Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await ProjectNamesAsync(db, restores.Select(r => r.ProjectId), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<RestoreView>>(restores.Select(r => RestoreViews.View(r, names[r.ProjectId], options.Value)).ToList());
    }

    private static async Task<Results<Ok<RestoreView>, ProblemHttpResult>> GetAsync(
        Guid id, IDbContextFactory<CatalogDbContext> catalog, ProjectGuard guard, IOptions<RestoreOptions> options, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (restore, project) = await FindAsync(db, id, guard, cancellationToken).ConfigureAwait(false);
        return restore is null ? Missing(id) : TypedResults.Ok(RestoreViews.View(restore, project!, options.Value));
    }

    private static async Task<Results<Ok<RestoreManifest>, ProblemHttpResult>> StartAsync(
        Guid id, StartRestoreRequest request, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, ProjectGuard guard, Callers callers,
        RestoreRuns runs, RestoreManifests manifests, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (restore, project) = await FindAsync(db, id, guard, cancellationToken).ConfigureAwait(false);
        if (restore is null)
        {
            return Missing(id);
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        Note(http, restore, project!, $"started {restore.Scope} to {request.Destination}{(request.Tier is null ? "" : $" ({request.Tier} tier)")}");
        try
        {
            await runs.StartAsync(db, restore, request, caller.Describe(), cancellationToken).ConfigureAwait(false);
        }
        catch (RestoreRefusedException refused) when (refused.Archive is { } archive)
        {
            // Not an error: the agent says so, and waits or comes back later (the problem's "archive" says how long).
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Type = ApiProblems.TypeOf(refused.Kind),
                Title = "The restore is waiting for files to come back from the archive tier.",
                Detail = refused.Message,
                Status = refused.Status,
            };
            problem.Extensions["archive"] = archive;
            return TypedResults.Problem(problem);
        }
        catch (RestoreRefusedException refused)
        {
            return ApiProblems.Make(refused.Kind, refused.Status == 409 ? "The restore cannot start." : "The request is not valid.", refused.Message, refused.Status);
        }
        return TypedResults.Ok(manifests.Build(restore, caller.PersonId));
    }

    private static async Task<Results<Ok<RestoreView>, ProblemHttpResult>> ReportAsync(
        Guid id, RestoreReport report, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, ProjectGuard guard, Callers callers,
        RestoreRuns runs, IAuditTrail trail, TimeProvider clock, IOptions<RestoreOptions> options, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (restore, project) = await FindAsync(db, id, guard, cancellationToken).ConfigureAwait(false);
        if (restore is null)
        {
            return Missing(id);
        }
        try
        {
            await runs.ReportAsync(db, restore, report, cancellationToken).ConfigureAwait(false);
        }
        catch (RestoreRefusedException refused)
        {
            return ApiProblems.Make(refused.Kind, refused.Status == 409 ? "The results cannot be recorded." : "The request is not valid.", refused.Message, refused.Status);
        }
        var view = RestoreViews.View(restore, project!, options.Value);
        if (report.Finished)
        {
            await RestoreAudit.RecordFinishedAsync(http, callers, trail, clock, restore, view, cancellationToken).ConfigureAwait(false);
        }
        return TypedResults.Ok(view);
    }

    /// <summary>The restore, tracked, when the caller may restore from its project; otherwise null (answered as missing).</summary>
    internal static async Task<(Restore? Restore, string? Project)> FindAsync(CatalogDbContext db, Guid id, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var restore = await RestoreRuns.LoadAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (restore is null)
        {
            return (null, null);
        }
        var names = await guard.ProjectNamesAsync(cancellationToken).ConfigureAwait(false);
        var project = names.GetValueOrDefault(restore.ProjectId, "this project");
        return await guard.CheckAsync(restore.ProjectId, project, Right.Restore, cancellationToken).ConfigureAwait(false) is null ? (restore, project) : (null, null);
    }

    internal static ProblemHttpResult Missing(Guid id) => ApiProblems.NotFound($"There is no restore {id}.");

    private static void Note(HttpContext http, Restore restore, string project, string detail)
    {
        if (http.Audit() is { } audit)
        {
            audit.Project = project;
            audit.AssetId = restore.AssetId;
            audit.Detail = $"restore {restore.Id}: {detail}";
        }
    }

    private static async Task<IReadOnlyDictionary<Guid, string>> ProjectNamesAsync(CatalogDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Projects.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken).ConfigureAwait(false);
    }
}
