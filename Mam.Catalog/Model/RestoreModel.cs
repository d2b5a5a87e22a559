using Mam.Catalog.Entities.Restores;
using Mam.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Mam.Catalog.Model;

/// <summary>Column widths of restores, for validating what clients send.</summary>
public static class RestoreLimits
{
    /// <summary>Host and folder of a destination.</summary>
    public const int Destination = Limits.PathLength;
    public const int Reason = 2000;
    public const int Tier = 16;
}

/// <summary>Restores and their files.</summary>
internal static class RestoreModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Restore>(e =>
        {
            e.Property(r => r.ScopeKind).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Scope).HasMaxLength(Limits.PathLength);
            e.Property(r => r.FromTimecode).HasMaxLength(16);
            e.Property(r => r.ToTimecode).HasMaxLength(16);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.RequestedBy).HasMaxLength(Limits.NameLength);
            e.Property(r => r.StartedBy).HasMaxLength(Limits.NameLength);
            e.Property(r => r.Destination).HasMaxLength(RestoreLimits.Destination);
            e.Property(r => r.Tier).HasMaxLength(RestoreLimits.Tier);
            e.Property(r => r.ThroughputSource).HasMaxLength(200);
            e.Property(r => r.Mhl).HasMaxLength(Limits.PathLength);
            e.Property(r => r.ArchiveNote).HasMaxLength(RestoreLimits.Reason);
            e.HasIndex(r => r.RequestedAt);
            // The measured throughput reads the latest finished restores.
            e.HasIndex(r => new { r.State, r.FinishedAt });
            e.HasOne<Entities.Project>().WithMany().HasForeignKey(r => r.ProjectId);
        });

        builder.Entity<RestoreFile>(e =>
        {
            e.Property(f => f.CardName).HasMaxLength(Limits.NameLength);
            e.Property(f => f.RelativePath).HasMaxLength(Limits.PathLength);
            e.Property(f => f.StorageClass).HasMaxLength(64);
            e.Property(f => f.Result).HasConversion<string>().HasMaxLength(16);
            e.Property(f => f.Reason).HasMaxLength(RestoreLimits.Reason);
            e.Property(f => f.RestoredXxh64).HasMaxLength(16);
            e.Property(f => f.Archive).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(f => f.RestoreId);
            e.HasOne<Restore>().WithMany(r => r.Files).HasForeignKey(f => f.RestoreId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(f => f.CardFile).WithMany().HasForeignKey(f => f.CardFileId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsOne(f => f.Cut, c =>
            {
                c.Property(x => x.FromTimecode).HasMaxLength(16);
                c.Property(x => x.ToTimecode).HasMaxLength(16);
                c.Property(x => x.StartTimecode).HasMaxLength(16);
                c.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
                c.Property(x => x.StorageKey).HasMaxLength(Limits.StorageKeyLength);
                c.Property(x => x.Xxh64).HasMaxLength(16);
                c.Property(x => x.Error).HasMaxLength(RestoreLimits.Reason);
            });
        });
    }
}
