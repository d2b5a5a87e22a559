using Mam.Api.Security.Access;
using Mam.Catalog.Entities.People;

namespace Mam.Api.Security.SingleSignOn;

/// <summary>What a person's provider groups give them under Security:OpenIdConnect:GroupRoles.
/// Pure: the catalog is changed by <see cref="ExternalPeople"/>.</summary>
public sealed record GroupGrants(bool IsAdministrator, IReadOnlyDictionary<string, GroupGrants.ProjectGrant> Projects)
{
    /// <summary>A role on a project (by name), and the group it came from.</summary>
    public sealed record ProjectGrant(ProjectRole Role, string Group);

    public static GroupGrants For(IEnumerable<string> groups, IDictionary<string, string> groupRoles)
    {
        ArgumentNullException.ThrowIfNull(groupRoles);
        var administrator = false;
        var projects = new Dictionary<string, ProjectGrant>(StringComparer.Ordinal);
        foreach (var group in groups.Distinct(StringComparer.Ordinal))
        {
            // Validated at start, so a mapping that does not parse cannot reach here.
            if (!groupRoles.TryGetValue(group, out var text) || !GroupRole.TryParse(text, out var grant, out _) || grant is null)
            {
                continue;
            }
            if (grant.IsServerAdministrator)
            {
                administrator = true;
            }
            else if (!projects.TryGetValue(grant.ProjectName!, out var held) || Stronger(grant.Role, held.Role))
            {
                // Two groups naming one project: the role with more rights wins.
                projects[grant.ProjectName!] = new ProjectGrant(grant.Role, group);
            }
        }
        return new GroupGrants(administrator, projects);
    }

    private static bool Stronger(ProjectRole candidate, ProjectRole held) =>
        RoleRights.Of(candidate).Count != RoleRights.Of(held).Count
            ? RoleRights.Of(candidate).Count > RoleRights.Of(held).Count
            : candidate > held;
}
