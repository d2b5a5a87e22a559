using Mam.Catalog.Entities.People;

namespace Mam.Api.Security.SingleSignOn;

/// <summary>What one provider group gives: server administrator, or a role on one project.</summary>
public sealed record GroupRole(string? ProjectName, ProjectRole Role)
{
    public bool IsServerAdministrator => ProjectName is null;

    /// <summary>"administrator", or "Project name:role" (the last colon separates, so project names may contain one).</summary>
    public static bool TryParse(string? text, out GroupRole? groupRole, out string problem)
    {
        groupRole = null;
        problem = "";
        var value = text?.Trim() ?? "";
        if (string.Equals(value, "administrator", StringComparison.OrdinalIgnoreCase))
        {
            groupRole = new GroupRole(null, ProjectRole.Administrator);
            return true;
        }
        var colon = value.LastIndexOf(':');
        var project = colon > 0 ? value[..colon].Trim() : "";
        var role = colon >= 0 ? value[(colon + 1)..].Trim() : value;
        if (project.Length == 0)
        {
            problem = $"'{value}' names no project: write \"administrator\" or \"Project name:{(role.Length > 0 ? role : "viewer")}\".";
            return false;
        }
        if (!Enum.TryParse<ProjectRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(role, out _))
        {
            problem = $"'{role}' is not a role; roles are {string.Join(", ", Enum.GetNames<ProjectRole>().Select(n => n.ToLowerInvariant()))}.";
            return false;
        }
        groupRole = new GroupRole(project, parsed);
        return true;
    }
}
