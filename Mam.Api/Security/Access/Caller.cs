using Mam.Catalog.Entities.People;

namespace Mam.Api.Security.Access;

/// <summary>Who is asking and what they may do, read from the catalog for this request (so a removed
/// membership, a deleted person or a revoked token counts at once, not when a cookie expires).</summary>
public sealed class Caller
{
    private readonly IReadOnlyDictionary<Guid, ProjectRole> _roles;
    private readonly Guid? _onlyProject;
    private readonly ProjectRole? _roleCap;
    private readonly bool _administratorOnProjects;

    public Caller(Guid personId, string name, bool isAdministrator, IReadOnlyDictionary<Guid, ProjectRole> roles, Guid? onlyProject, ProjectRole? roleCap)
    {
        PersonId = personId;
        Name = name;
        _roles = roles;
        _onlyProject = onlyProject;
        _roleCap = roleCap;
        // A token narrowed to a project or a role is never a server administrator's token.
        IsAdministrator = isAdministrator && onlyProject is null && roleCap is null or ProjectRole.Administrator;
        _administratorOnProjects = isAdministrator;
    }

    public Guid PersonId { get; }

    public string Name { get; }

    /// <summary>Server administrator: people, re-index, jobs dashboard, audit trail, every project.</summary>
    public bool IsAdministrator { get; }

    public bool Can(Guid projectId, Right right)
    {
        if (_onlyProject is { } only && only != projectId)
        {
            return false;
        }
        if (_administratorOnProjects)
        {
            return _roleCap is not { } cap || RoleRights.Has(cap, right);
        }
        return _roles.TryGetValue(projectId, out var role) && RoleRights.Has(role, _roleCap, right);
    }

    /// <summary>The projects where the caller has <paramref name="right"/>; null means every project.</summary>
    public IReadOnlySet<Guid>? ProjectsWith(Right right)
    {
        if (_administratorOnProjects && _onlyProject is null)
        {
            return _roleCap is not { } cap || RoleRights.Has(cap, right) ? null : new HashSet<Guid>();
        }
        var projects = _administratorOnProjects && _onlyProject is { } project
            ? new HashSet<Guid> { project }
            : _roles.Keys.Where(p => _onlyProject is null || p == _onlyProject).ToHashSet();
        projects.RemoveWhere(p => !Can(p, right));
        return projects;
    }

    /// <summary>How records name the caller (operations, the audit trail).</summary>
    public string Describe() => Name;

    public bool CanAnywhere(Right right) => ProjectsWith(right) is not { Count: 0 };
}
