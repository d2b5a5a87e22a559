using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Mam.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Mam.Catalog.Model;

/// <summary>People, memberships, tokens and sign-in links. Identity's own tables get names in the
/// users' words (People, PersonLogins…) instead of AspNetUsers.</summary>
internal static class PeopleModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Person>(e =>
        {
            e.ToTable("People");
            e.Property(p => p.DisplayName).HasMaxLength(Limits.NameLength);
        });
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("PersonClaims");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("PersonLogins");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("PersonTokens");

        modelBuilder.Entity<ProjectMembership>(e =>
        {
            e.HasKey(m => new { m.PersonId, m.ProjectId });
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.GrantedBy).HasMaxLength(Limits.NameLength);
            e.HasOne(m => m.Person).WithMany(p => p.Memberships).HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.Project).WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.ProjectId);
        });

        modelBuilder.Entity<AccessToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(Limits.NameLength);
            e.Property(t => t.SecretHash).HasMaxLength(64);
            e.Property(t => t.Role).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(t => t.PersonId);
            // Tokens are found by the hash of what the caller sends; nothing else identifies them.
            e.HasIndex(t => t.SecretHash).IsUnique();
            e.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SignInLink>(e =>
        {
            e.Property(l => l.CodeHash).HasMaxLength(64);
            e.HasIndex(l => l.CodeHash).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
