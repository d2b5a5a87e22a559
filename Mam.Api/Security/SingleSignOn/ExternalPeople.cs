using System.Security.Claims;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.SingleSignOn;

/// <summary>The person behind a single sign-on: found by the provider's issuer and subject (never
/// by name or e-mail, which would let a provider account take over a local one), created at their
/// first sign-in, and given what their groups map to — again at every sign-in, so leaving a group
/// takes its role away. Roles an administrator granted by hand are left as they are.</summary>
public sealed partial class ExternalPeople(
    UserManager<Person> people, CatalogDbContext catalog, IOptions<SingleSignOnOptions> options, TimeProvider time, ILogger<ExternalPeople> logger)
{
    /// <summary>Marks memberships this class manages (ProjectMembership.GrantedBy).</summary>
    public const string GrantedByGroup = "single sign-on group ";

    /// <summary>A person claim saying the server-administrator flag came from a group (and so goes with it).</summary>
    public const string AdministratorFromGroup = "mam:administrator-from-group";

    /// <returns>The person to sign in, or null with the reason to show.</returns>
    public async Task<(Person? Person, string? Refusal)> SignInAsync(ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var subject = external.FindFirst("sub");
        if (subject is null || string.IsNullOrEmpty(subject.Value))
        {
            return (null, "The provider's answer named nobody (no subject).");
        }
        var issuer = subject.Issuer;
        var person = await people.FindByLoginAsync(issuer, subject.Value).ConfigureAwait(false)
            ?? await CreateAsync(external, issuer, subject.Value).ConfigureAwait(false);
        if (await people.IsLockedOutAsync(person).ConfigureAwait(false))
        {
            return (null, "Signing in as this person is blocked; ask an administrator.");
        }
        // The provider's name wins: a person renamed in the directory is renamed here at their next sign-in.
        person.DisplayName = DisplayNameOf(external, subject.Value);
        var groups = external.FindAll(options.Value.GroupsClaim).Select(c => c.Value).ToList();
        var grants = GroupGrants.For(groups, options.Value.GroupRoles);
        await ApplyAdministratorAsync(person, grants.IsAdministrator).ConfigureAwait(false);
        await ApplyProjectsAsync(person, grants, cancellationToken).ConfigureAwait(false);
        Check(await people.UpdateAsync(person).ConfigureAwait(false), "update");
        LogSignedIn(logger, person.UserName, issuer, groups.Count, grants.IsAdministrator, grants.Projects.Count);
        return (person, null);
    }

    // UserManager's calls take no cancellation token; the catalog queries after them do.
    private async Task<Person> CreateAsync(ClaimsPrincipal external, string issuer, string subject)
    {
        var person = new Person
        {
            UserName = await FreeUserNameAsync(external.FindFirstValue("preferred_username") ?? external.FindFirstValue("email") ?? subject).ConfigureAwait(false),
            DisplayName = DisplayNameOf(external, subject),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        // No password: this person signs in through the provider only (an administrator may add one).
        Check(await people.CreateAsync(person).ConfigureAwait(false), "create");
        Check(await people.AddLoginAsync(person, new UserLoginInfo(issuer, subject, options.Value.DisplayName)).ConfigureAwait(false), "link");
        LogCreated(logger, person.UserName, issuer);
        return person;
    }

    private async Task ApplyAdministratorAsync(Person person, bool fromGroups)
    {
        var claims = await people.GetClaimsAsync(person).ConfigureAwait(false);
        var marker = claims.FirstOrDefault(c => c.Type == AdministratorFromGroup);
        if (fromGroups && !person.IsAdministrator)
        {
            person.IsAdministrator = true;
            Check(await people.AddClaimAsync(person, new Claim(AdministratorFromGroup, "true")).ConfigureAwait(false), "mark");
        }
        else if (!fromGroups && marker is not null)
        {
            person.IsAdministrator = false;
            Check(await people.RemoveClaimAsync(person, marker).ConfigureAwait(false), "unmark");
        }
    }

    private async Task ApplyProjectsAsync(Person person, GroupGrants grants, CancellationToken cancellationToken)
    {
        var names = grants.Projects.Keys.ToList();
        var projects = await catalog.Projects.Where(p => names.Contains(p.Name))
            .ToDictionaryAsync(p => p.Name, p => p.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var missing in names.Where(n => !projects.ContainsKey(n)))
        {
            LogNoSuchProject(logger, missing, grants.Projects[missing].Group);
        }
        var wanted = grants.Projects.Where(g => projects.ContainsKey(g.Key))
            .ToDictionary(g => projects[g.Key], g => g.Value);
        var memberships = await catalog.ProjectMemberships.Where(m => m.PersonId == person.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var membership in memberships.Where(m => m.GrantedBy.StartsWith(GrantedByGroup, StringComparison.Ordinal)))
        {
            if (wanted.TryGetValue(membership.ProjectId, out var grant))
            {
                membership.Role = grant.Role;
                membership.GrantedBy = GrantedBy(grant.Group);
            }
            else
            {
                catalog.ProjectMemberships.Remove(membership);
            }
        }
        var held = memberships.Select(m => m.ProjectId).ToHashSet();
        foreach (var (projectId, grant) in wanted.Where(w => !held.Contains(w.Key)))
        {
            catalog.ProjectMemberships.Add(new ProjectMembership { PersonId = person.Id, ProjectId = projectId, Role = grant.Role, GrantedBy = GrantedBy(grant.Group) });
        }
    }

    private async Task<string> FreeUserNameAsync(string wanted)
    {
        var allowed = people.Options.User.AllowedUserNameCharacters;
        var name = new string([.. wanted.Where(c => allowed.Contains(c, StringComparison.Ordinal))]).Trim();
        name = name.Length == 0 ? "person" : name[..Math.Min(name.Length, 100)];
        // Someone else may hold the name (a local account, or the same name at another provider).
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? name : $"{name}-{n}";
            if (await people.FindByNameAsync(candidate).ConfigureAwait(false) is null)
            {
                return candidate;
            }
        }
    }

    private static string DisplayNameOf(ClaimsPrincipal external, string subject)
    {
        var name = external.FindFirstValue("name") ?? external.FindFirstValue("preferred_username") ?? external.FindFirstValue("email") ?? subject;
        return name.Length <= Mam.Contracts.Limits.NameLength ? name : name[..Mam.Contracts.Limits.NameLength];
    }

    private static string GrantedBy(string group)
    {
        var text = GrantedByGroup + group;
        return text.Length <= Mam.Contracts.Limits.NameLength ? text : text[..Mam.Contracts.Limits.NameLength];
    }

    private static void Check(IdentityResult result, string step)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Single sign-on could not {step} the person: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on: created {UserName} for a person of {Issuer}")]
    private static partial void LogCreated(ILogger logger, string? userName, string issuer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on: {UserName} of {Issuer} signed in with {GroupCount} groups (administrator from a group: {Administrator}; roles on {ProjectCount} projects)")]
    private static partial void LogSignedIn(ILogger logger, string? userName, string issuer, int groupCount, bool administrator, int projectCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on: Security:OpenIdConnect:GroupRoles maps group {Group} to project '{Project}', which does not exist; the group gives nothing there")]
    private static partial void LogNoSuchProject(ILogger logger, string project, string group);
}
