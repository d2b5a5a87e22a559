namespace Mam.Catalog.Entities.People;

/// <summary>A personal access token for machines (the agent, scripts, editing-system panels). Only a
/// SHA-256 of its secret is kept: the secret is shown once, when it is made. A token never grants
/// more than its person has at the moment it is used; <see cref="ProjectId"/> and <see cref="Role"/>
/// narrow it further.</summary>
public sealed class AccessToken
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the secret part.</summary>
    public required string SecretHash { get; set; }

    /// <summary>Only this project; null: every project the person belongs to.</summary>
    public Guid? ProjectId { get; set; }

    /// <summary>At most this role's rights; null: the person's own role on each project.</summary>
    public ProjectRole? Role { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
