using Mam.Catalog.Entities.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Mam.Catalog.Model;

/// <summary>Who follows which project, how far each person has read, and the digests mailed.</summary>
internal static class NotificationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ProjectFollow>(e =>
        {
            e.HasKey(f => new { f.PersonId, f.ProjectId });
            e.HasOne<Entities.People.Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Entities.Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<NotificationState>(e =>
        {
            e.HasKey(s => s.PersonId);
            e.HasOne<Entities.People.Person>().WithOne().HasForeignKey<NotificationState>(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<NotificationRead>(e =>
        {
            e.HasKey(r => new { r.PersonId, r.EventId });
            e.HasOne<Entities.People.Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Entities.Review.ProjectEvent>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DigestSent>(e =>
        {
            e.Property(d => d.To).HasMaxLength(320);
            // The next digest's question: where did the last one end?
            e.HasIndex(d => new { d.PersonId, d.ThroughEvent });
            e.HasOne<Entities.People.Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
