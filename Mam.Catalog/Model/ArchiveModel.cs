using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Archive;
using Mam.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Mam.Catalog.Model;

/// <summary>Column widths of copies and checks, for validating what clients send.</summary>
public static class CopyLimits
{
    public const int Location = 512;
    public const int Agent = 128;
}

/// <summary>Copies of originals and their fixity checks and audits.</summary>
internal static class ArchiveModel
{
    private const int LocationLength = CopyLimits.Location;
    private const int AgentLength = CopyLimits.Agent;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<FileCopy>(e =>
        {
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Location).HasMaxLength(LocationLength);
            e.Property(c => c.Key).HasMaxLength(Limits.StorageKeyLength);
            e.Property(c => c.StorageClass).HasMaxLength(64);
            e.Property(c => c.LastOutcome).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.LastCheckedBy).HasMaxLength(AgentLength);
            // One row per place: registering a card twice, or a restore reported twice, adds nothing.
            e.HasIndex(c => new { c.CardFileId, c.Kind, c.Location }).IsUnique();
            // The audit's order: never checked, then oldest checked.
            e.HasIndex(c => new { c.Kind, c.LastCheckedAt });
            e.HasOne(c => c.CardFile).WithMany().HasForeignKey(c => c.CardFileId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<FixityCheck>(e =>
        {
            e.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Algorithm).HasMaxLength(16);
            e.Property(c => c.Expected).HasMaxLength(128);
            e.Property(c => c.Actual).HasMaxLength(128);
            e.Property(c => c.Agent).HasMaxLength(AgentLength);
            e.Property(c => c.Note).HasMaxLength(1000);
            e.HasIndex(c => new { c.FileCopyId, c.At });
            e.HasIndex(c => new { c.FixityAuditId, c.FileCopyId });
            e.HasIndex(c => c.At);
            e.HasOne(c => c.FileCopy).WithMany().HasForeignKey(c => c.FileCopyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<FixityAudit>(e =>
        {
            e.Property(a => a.Scope).HasMaxLength(Limits.PathLength);
            e.Property(a => a.RequestedBy).HasMaxLength(Limits.NameLength);
            e.Property(a => a.Reason).HasMaxLength(1000);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Alert).HasMaxLength(4000);
            e.Property(a => a.Plan).HasConversion(CatalogDbContext.JsonConverter<List<Guid>>(), CatalogDbContext.JsonComparer<List<Guid>>());
            e.HasIndex(a => a.RequestedAt);
            e.HasIndex(a => new { a.ProjectId, a.RequestedAt });
        });
    }
}
