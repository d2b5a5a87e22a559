namespace Mam.Catalog.Entities.People;

/// <summary>One person's role on one project; a person with no row for a project does not see it.</summary>
public sealed class ProjectMembership
{
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid ProjectId { get; set; }
    public Project? Project { get; set; }
    public ProjectRole Role { get; set; }

    /// <summary>Where the role came from: granted by an administrator, or a single sign-on group
    /// mapping (re-applied at every sign-in, so leaving the group removes the role).</summary>
    public string GrantedBy { get; set; } = "administrator";
}
