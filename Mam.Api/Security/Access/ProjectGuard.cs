using Mam.Api.Problems;
using Mam.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.Access;

/// <summary>Checks a right on a project named in a request (a card registration, an upload, a
/// re-run). A project the caller cannot read answers as missing; one they can read but not act on
/// answers 403, saying which role would do.</summary>
public sealed class ProjectGuard(Callers callers, IDbContextFactory<CatalogDbContext> catalog, AccessCache cache, IHttpContextAccessor http)
{
    /// <returns>Null when allowed; otherwise the problem to answer.</returns>
    /// <param name="mayCreate">The project may not exist yet (a first card): then only a server administrator may name it.</param>
    public async Task<ProblemHttpResult?> CheckByNameAsync(string project, Right right, bool mayCreate, CancellationToken cancellationToken)
    {
        var id = await ProjectIdAsync(project, cancellationToken).ConfigureAwait(false);
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
        var project = await ProjectOfAssetAsync(assetId, cancellationToken).ConfigureAwait(false);
        var caller = await CallerAsync(cancellationToken).ConfigureAwait(false);
        if (project is not { } projectId || caller is null || !caller.Can(projectId, Right.Read))
        {
            return ApiProblems.NotFound($"There is no asset {assetId}.");
        }
        var names = await ProjectNamesAsync(cancellationToken).ConfigureAwait(false);
        return Check(caller, projectId, names.GetValueOrDefault(projectId, "this project"), right);
    }

    public ValueTask<Guid?> ProjectOfAssetAsync(Guid assetId, CancellationToken cancellationToken) =>
        cache.AssetProjectAsync(assetId, async () =>
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            return await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => (Guid?)a.Card!.ProjectId)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <summary>Every project's name by id (lists and search narrow by name).</summary>
    public ValueTask<IReadOnlyDictionary<Guid, string>> ProjectNamesAsync(CancellationToken cancellationToken) =>
        cache.GetAsync<IReadOnlyDictionary<Guid, string>>("project-names", async () =>
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            return await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken).ConfigureAwait(false);
        });

    private async ValueTask<Guid?> ProjectIdAsync(string project, CancellationToken cancellationToken) =>
        (await ProjectNamesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => string.Equals(p.Value, project, StringComparison.Ordinal)) is { Value: not null } found
            ? found.Key
            : null;

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
