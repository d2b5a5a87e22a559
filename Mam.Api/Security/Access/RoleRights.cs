using Mam.Catalog.Entities.People;

namespace Mam.Api.Security.Access;

/// <summary>The one table of who may do what on a project (README's "Security" section prints it).
/// Server administrators hold every right on every project, and alone manage people, re-index the
/// search and see the jobs dashboard and the audit trail.</summary>
public static class RoleRights
{
    private static readonly Dictionary<ProjectRole, Right[]> Table = new()
    {
        [ProjectRole.Viewer] = [Right.Read],
        [ProjectRole.Reviewer] = [Right.Read, Right.Review],
        [ProjectRole.Editor] = [Right.Read, Right.Review, Right.Operate],
        [ProjectRole.Archivist] = [Right.Read, Right.Operate, Right.Restore],
        [ProjectRole.Ingest] = [Right.Read, Right.Ingest],
        [ProjectRole.Administrator] = Enum.GetValues<Right>(),
    };

    public static IReadOnlyCollection<Right> Of(ProjectRole role) => Table[role];

    public static bool Has(ProjectRole role, Right right) => Array.IndexOf(Table[role], right) >= 0;

    /// <summary>The rights both roles have: a token narrowed to a role never exceeds its person's role.</summary>
    public static bool Has(ProjectRole role, ProjectRole? narrowedTo, Right right) =>
        Has(role, right) && (narrowedTo is not { } cap || Has(cap, right));
}
