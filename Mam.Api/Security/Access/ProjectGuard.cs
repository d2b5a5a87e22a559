using Mam.Api.Problems;
using Mam.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.Access;

/// <summary>Checks a right on a project named in a request (a card registration, an upload, a
/// re-run). A project the caller cannot read answers as missing; one they can read but not act on
/// answers 403, saying which role would do.</summary>
public sealed class ProjectGuard(Callers callers, IDbContextFactory<CatalogDbContext> catalog, IHttpContextAccessor http)
{
    /// <returns>Null when allowed; otherwise the problem to answer.</returns>
    /// <param name="mayCreate">The project may not exist yet (a first card): then only a server administrator may name it.</param>
    public async Task<ProblemHttpResult?> CheckByNameAsync(string project, Right right, bool mayCreate, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var id = await db.Projects.AsNoTracking().Where(p => p.Name == project).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var caller = await CallerAsync(cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return mayCreate && caller?.IsAdministrator == true
                ? null
                : mayCreate
                    ? ApiProblems.Make("project-unknown", "No such project.",
                        $"There is no project '{project}' yet, and only a server administrator may start one. Ask them to create it and give you the ingest role on it.", StatusCodes.Status403Forbidden)
                    : ApiProblems.NotFound($"There is no project '{project}'.");
        }
        return Check(caller, id.Value, project, right);
    }

    /// <summary>The right on the project of a clip; a clip outside the caller's projects answers as missing.</summary>
    public async Task<ProblemHttpResult?> CheckAssetAsync(Guid assetId, Right right, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var project = await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => new { a.Card!.ProjectId, a.Card.Project!.Name })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var caller = await CallerAsync(cancellationToken).ConfigureAwait(false);
        if (project is null || caller is null || !caller.Can(project.ProjectId, Right.Read))
        {
            return ApiProblems.NotFound($"There is no asset {assetId}.");
        }
        return Check(caller, project.ProjectId, project.Name, right);
    }

    public async Task<bool> IsAdministratorAsync(CancellationToken cancellationToken) =>
        (await CallerAsync(cancellationToken).ConfigureAwait(false))?.IsAdministrator == true;

    public async Task<ProblemHttpResult?> CheckAsync(Guid projectId, string projectName, Right right, CancellationToken cancellationToken) =>
        Check(await CallerAsync(cancellationToken).ConfigureAwait(false), projectId, projectName, right);

    private static ProblemHttpResult? Check(Caller? caller, Guid projectId, string project, Right right)
    {
        if (caller is null || !caller.Can(projectId, Right.Read))
        {
            return ApiProblems.NotFound($"There is no project '{project}'.");
        }
        return caller.Can(projectId, right)
            ? null
            : ApiProblems.Make("right-missing", "You may not do that on this project.",
                $"This needs the right to {right.ToString().ToLowerInvariant()} on '{project}'; roles that have it: {string.Join(", ", RolesWith(right))}. A project administrator can grant one.",
                StatusCodes.Status403Forbidden);
    }

    private static IEnumerable<string> RolesWith(Right right) =>
        Enum.GetValues<Mam.Catalog.Entities.People.ProjectRole>().Where(r => RoleRights.Has(r, right)).Select(r => r.ToString().ToLowerInvariant());

    private async Task<Caller?> CallerAsync(CancellationToken cancellationToken) =>
        http.HttpContext is { } context ? await callers.OfAsync(context, cancellationToken).ConfigureAwait(false) : null;
}
