using Mam.Api.Audit;
using Mam.Workers.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Mam.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.People;

public sealed record CreateProjectRequest(string? Name);

public sealed record ProjectView(Guid Id, string Name, string Role);

public sealed record MemberView(string UserName, string DisplayName, string Role, string GrantedBy);

public sealed record SetRoleRequest(string? Role);

/// <summary>Projects and who belongs to them: a server administrator starts a project; its
/// administrators (the project role) choose its members.</summary>
public static class ProjectMemberEndpoints
{
    public static IEndpointRouteBuilder MapProjectMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects").WithTags("People");
        projects.MapGet("/", ListAsync).NotPaged().RequireAuthorization(Policies.Read).WithSummary("The projects you belong to, with your role");
        projects.MapPost("/", CreateAsync).RequireAuthorization(Policies.Administrator).Audited(AuditActions.ProjectCreated).WithSummary("Start a project");
        var members = projects.MapGroup("/{project}/members").RequireAuthorization(Policies.Manage);
        members.MapGet("/", MembersAsync).NotPaged().WithSummary("Who belongs to the project, in which role");
        members.MapPut("/{userName}", SetRoleAsync).Audited(AuditActions.RoleChanged).WithSummary("Give a person a role on the project (or change it)");
        members.MapDelete("/{userName}", RemoveAsync).Audited(AuditActions.RoleChanged, "taken off the project").WithSummary("Take a person off the project");
        return app;
    }

    private static async Task<Ok<List<ProjectView>>> ListAsync(HttpContext context, Callers callers, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))!;
        var roles = await db.ProjectMemberships.AsNoTracking().Where(m => m.PersonId == caller.PersonId).ToDictionaryAsync(m => m.ProjectId, m => m.Role, cancellationToken).ConfigureAwait(false);
        var all = await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(all.Where(p => caller.Can(p.Id, Right.Read))
            .Select(p => new ProjectView(p.Id, p.Name, (caller.IsAdministrator ? ProjectRole.Administrator : roles[p.Id]).ToString().ToLowerInvariant())).ToList());
    }

    private static async Task<Results<Created<ProjectView>, ProblemHttpResult>> CreateAsync(
        CreateProjectRequest request, HttpContext context, CatalogDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        context.Audit()?.Project = name;
        if (string.IsNullOrEmpty(name) || name.Length > Limits.NameLength || name.IndexOfAny(['/', '\\']) >= 0)
        {
            return ApiProblems.Invalid("name is required: up to 255 characters, without / or \\.");
        }
        if (await db.Projects.AnyAsync(p => p.Name == name, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.Conflict($"There is already a project '{name}'.");
        }
        var project = new Project { Id = Guid.NewGuid(), Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/projects/{Uri.EscapeDataString(name)}", new ProjectView(project.Id, name, "administrator"));
    }

    private static async Task<Results<Ok<List<MemberView>>, ProblemHttpResult>> MembersAsync(string project, ProjectGuard guard, CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var members = await db.ProjectMemberships.AsNoTracking().Where(m => m.Project!.Name == project).OrderBy(m => m.Person!.UserName)
            .Select(m => new MemberView(m.Person!.UserName ?? "", m.Person.DisplayName, m.Role.ToString().ToLowerInvariant(), m.GrantedBy))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(members);
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> SetRoleAsync(
        string project, string userName, SetRoleRequest request, HttpContext context, ProjectGuard guard, CatalogDbContext db, CancellationToken cancellationToken)
    {
        context.Audit()?.Detail = $"{userName}: {request.Role}";
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (!Enum.TryParse<ProjectRole>(request.Role, ignoreCase: true, out var role) || int.TryParse(request.Role, out _))
        {
            return ApiProblems.Invalid($"role must be one of {string.Join(", ", Enum.GetNames<ProjectRole>().Select(n => n.ToLowerInvariant()))}.");
        }
        var person = await db.Users.SingleOrDefaultAsync(p => p.UserName == userName, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return ApiProblems.NotFound($"There is nobody called '{userName}'; a server administrator adds people (POST /api/people).");
        }
        var projectId = await db.Projects.Where(p => p.Name == project).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        var membership = await db.ProjectMemberships.SingleOrDefaultAsync(m => m.PersonId == person.Id && m.ProjectId == projectId, cancellationToken).ConfigureAwait(false);
        if (membership is null)
        {
            membership = new ProjectMembership { PersonId = person.Id, ProjectId = projectId };
            db.ProjectMemberships.Add(membership);
        }
        membership.Role = role;
        membership.GrantedBy = "administrator";
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new MemberView(userName, person.DisplayName, role.ToString().ToLowerInvariant(), membership.GrantedBy));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string project, string userName, HttpContext context, ProjectGuard guard, CatalogDbContext db, AccessCache cache, CancellationToken cancellationToken)
    {
        context.Audit()?.Detail = $"{userName}: taken off the project";
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var removed = await db.ProjectMemberships.Where(m => m.Project!.Name == project && m.Person!.UserName == userName)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        // A bulk delete passes no interceptor: say it.
        cache.Changed();
        return removed == 0 ? ApiProblems.NotFound($"'{userName}' is not on '{project}'.") : TypedResults.NoContent();
    }
}
