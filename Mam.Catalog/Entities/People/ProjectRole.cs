namespace Mam.Catalog.Entities.People;

/// <summary>What someone is on one project. What each role may do is one table:
/// Mam.Api/Security/Access/RoleRights.cs (and README's "Security" section).</summary>
public enum ProjectRole
{
    Viewer,
    Reviewer,
    Editor,
    Archivist,
    Ingest,
    Administrator,
}
