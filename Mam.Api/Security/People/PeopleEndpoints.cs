using Mam.Api.Audit;
using Mam.Workers.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Api.Security.SignIn;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.People;

public sealed record ProjectRoleView(string Project, string Role, IReadOnlyList<string> Rights);

public sealed record MeView(Guid Id, string UserName, string DisplayName, bool IsAdministrator, IReadOnlyList<ProjectRoleView> Projects);

public sealed record PersonView(Guid Id, string UserName, string DisplayName, string? Email, bool IsAdministrator, IReadOnlyList<ProjectRoleView> Projects);

public sealed record AddPersonRequest(string? UserName, string? DisplayName, string? Email, bool Administrator = false);

/// <summary>The new person, and the one-time link they sign in with to choose a password.</summary>
public sealed record AddedPerson(PersonView Person, string SignInLink);

/// <summary>Who am I, and (server administrators) who is there.</summary>
public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", MeAsync).WithTags("People").RequireAuthorization(Policies.SignedIn).WithSummary("Who you are signed in as, and your projects and rights");
        var people = app.MapGroup("/api/people").WithTags("People").RequireAuthorization(Policies.Administrator);
        people.MapGet("/", ListAsync).NotPaged().WithSummary("Everyone who may sign in");
        people.MapPost("/", AddAsync).Audited(AuditActions.PersonAdded).WithSummary("Add a person; the answer holds a one-time sign-in link for them");
        people.MapDelete("/{userName}", RemoveAsync).Audited(AuditActions.PersonRemoved).WithSummary("Remove a person: their sessions and tokens stop at once");
        return app;
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> MeAsync(HttpContext context, Callers callers, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))!;
        var person = await db.Users.AsNoTracking().SingleAsync(p => p.Id == caller.PersonId, cancellationToken).ConfigureAwait(false);
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var roles = await db.ProjectMemberships.AsNoTracking().Where(m => m.PersonId == caller.PersonId).ToDictionaryAsync(m => m.ProjectId, m => m.Role, cancellationToken).ConfigureAwait(false);
        var views = projects.Where(p => caller.Can(p.Id, Right.Read)).Select(p => new ProjectRoleView(
            p.Name,
            (caller.IsAdministrator ? ProjectRole.Administrator : roles.GetValueOrDefault(p.Id)).ToString().ToLowerInvariant(),
            Enum.GetValues<Right>().Where(r => caller.Can(p.Id, r)).Select(r => r.ToString().ToLowerInvariant()).ToList())).ToList();
        return TypedResults.Ok(new MeView(person.Id, person.UserName ?? "", person.DisplayName, caller.IsAdministrator, views));
    }

    private static async Task<Ok<List<PersonView>>> ListAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var people = await db.Users.AsNoTracking().Include(p => p.Memberships).ThenInclude(m => m.Project).OrderBy(p => p.UserName)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(people.Select(View).ToList());
    }

    private static async Task<Results<Created<AddedPerson>, ProblemHttpResult>> AddAsync(
        AddPersonRequest request, HttpContext context, UserManager<Person> people, SignInLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        context.Audit()?.Detail = $"{request.UserName}{(request.Administrator ? " (server administrator)" : "")}";
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            return ApiProblems.Invalid("userName is required: what the person types to sign in (an e-mail address will do).");
        }
        var person = new Person
        {
            Id = Guid.NewGuid(),
            UserName = request.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName.Trim() : request.DisplayName.Trim(),
            Email = request.Email,
            IsAdministrator = request.Administrator,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await people.CreateAsync(person).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            var reason = string.Join(" ", created.Errors.Select(e => e.Description));
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? ApiProblems.Conflict(reason)
                : ApiProblems.Invalid(reason);
        }
        var link = await links.CreateAsync(person.Id, FirstAdministrator.LinkLifetime * 7, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/people/{Uri.EscapeDataString(person.UserName)}", new AddedPerson(View(person), link));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string userName, HttpContext context, Callers callers, UserManager<Person> people)
    {
        context.Audit()?.Detail = userName;
        var person = await people.FindByNameAsync(userName).ConfigureAwait(false);
        if (person is null)
        {
            return ApiProblems.NotFound($"There is nobody called '{userName}'.");
        }
        var caller = await callers.OfAsync(context, context.RequestAborted).ConfigureAwait(false);
        if (caller?.PersonId == person.Id)
        {
            return ApiProblems.Conflict("You cannot remove yourself; another administrator can.");
        }
        await people.DeleteAsync(person).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static PersonView View(Person p) => new(p.Id, p.UserName ?? "", p.DisplayName, p.Email, p.IsAdministrator,
        p.Memberships.Where(m => m.Project is not null).OrderBy(m => m.Project!.Name)
            .Select(m => new ProjectRoleView(m.Project!.Name, m.Role.ToString().ToLowerInvariant(), RoleRights.Of(m.Role).Select(r => r.ToString().ToLowerInvariant()).ToList())).ToList());
}
