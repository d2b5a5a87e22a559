using Microsoft.AspNetCore.Identity;

namespace Mam.Catalog.Entities.People;

/// <summary>Someone who signs in: a password kept as ASP.NET Core Identity hashes it, or an
/// external login from single sign-on, or both. What they may see and do comes from their
/// <see cref="ProjectMembership"/> rows (and <see cref="IsAdministrator"/>), never from the person alone.</summary>
public sealed class Person : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    /// <summary>Server administrator: every right on every project, people, tokens, settings, audit.</summary>
    public bool IsAdministrator { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ProjectMembership> Memberships { get; set; } = [];
}
