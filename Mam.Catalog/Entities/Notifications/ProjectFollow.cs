namespace Mam.Catalog.Entities.Notifications;

/// <summary>A person's own choice to follow a project or not. Without one, members follow their
/// projects and nobody else does (a server administrator follows only what they chose).</summary>
public sealed class ProjectFollow
{
    public Guid PersonId { get; set; }
    public Guid ProjectId { get; set; }
    public bool Following { get; set; }
    public DateTime ChangedAt { get; set; }
}
