using Mam.Catalog.Entities.Review;
using Mam.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Mam.Catalog.Model;

/// <summary>Sizes of review notes, for validating what clients send.</summary>
public static class ReviewLimits
{
    public const int Text = 10_000;

    /// <summary>All the points of one comment's drawing: a long freehand stroke at 60 samples a second
    /// for half a minute. More is a script, not a reviewer's hand.</summary>
    public const int DrawingPoints = 2_000;

    public const int Shapes = 100;
}

/// <summary>Sizes of what share links keep.</summary>
public static class ShareLimits
{
    /// <summary>RFC 5321's longest path: an address longer than this cannot be delivered to.</summary>
    public const int Email = 254;

    /// <summary>Watched stretches kept for one session and clip; a guest scrubbing back and forth for hours stops adding.</summary>
    public const int Ranges = 5_000;
}

/// <summary>Comments on clips.</summary>
internal static class ReviewModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Comment>(e =>
        {
            e.Property(c => c.Author).HasMaxLength(Limits.NameLength);
            e.Property(c => c.Text).HasMaxLength(ReviewLimits.Text);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.ResolvedBy).HasMaxLength(Limits.NameLength);
            e.Property(c => c.GuestEmail).HasMaxLength(ShareLimits.Email);
            e.Property(c => c.Mentions).HasConversion(CatalogDbContext.JsonConverter<List<string>>(), CatalogDbContext.JsonComparer<List<string>>());
            e.Property(c => c.Drawing).HasConversion(CatalogDbContext.JsonConverter<List<DrawingShape>>(), CatalogDbContext.JsonComparer<List<DrawingShape>>());
            // A clip's comments are read in time order.
            e.HasIndex(c => new { c.AssetId, c.InFrame });
            e.HasOne<Entities.Asset>().WithMany().HasForeignKey(c => c.AssetId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AssetVersion>(e =>
        {
            e.HasKey(v => v.AssetId);
            e.Property(v => v.AddedBy).HasMaxLength(Limits.NameLength);
            e.HasIndex(v => new { v.StackId, v.Number }).IsUnique();
            e.HasOne<Entities.Asset>().WithOne().HasForeignKey<AssetVersion>(v => v.AssetId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Approval>(e =>
        {
            e.Property(a => a.Reviewer).HasMaxLength(Limits.NameLength);
            e.Property(a => a.Decision).HasConversion<string>().HasMaxLength(24);
            e.Property(a => a.Note).HasMaxLength(ReviewLimits.Text);
            e.Property(a => a.MasterPath).HasMaxLength(Limits.PathLength);
            e.Property(a => a.MasterXxh64).HasMaxLength(16);
            e.Property(a => a.MasterSha256).HasMaxLength(64);
            e.Property(a => a.ProxySha256).HasMaxLength(64);
            e.Property(a => a.KeyId).HasMaxLength(64);
            e.Property(a => a.Stage).HasMaxLength(Limits.NameLength);
            e.Property(a => a.GuestEmail).HasMaxLength(ShareLimits.Email);
            e.HasIndex(a => new { a.StackId, a.Version });
            e.HasIndex(a => a.AssetId);
            e.HasOne<Entities.Asset>().WithMany().HasForeignKey(a => a.AssetId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ReviewStage>(e =>
        {
            e.Property(r => r.Name).HasMaxLength(Limits.NameLength);
            e.Property(r => r.Rule).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.Approvers).HasConversion(CatalogDbContext.JsonConverter<List<Guid>>(), CatalogDbContext.JsonComparer<List<Guid>>());
            e.HasIndex(r => new { r.ProjectId, r.Order }).IsUnique();
            e.HasOne<Entities.Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StackGate>(e =>
        {
            e.HasKey(g => g.StackId);
            e.Property(g => g.AdvancedBy).HasMaxLength(Limits.NameLength);
            e.Property(g => g.LockedBy).HasMaxLength(Limits.NameLength);
            e.Property(g => g.LockNote).HasMaxLength(ReviewLimits.Text);
        });

        builder.Entity<ProjectEvent>(e =>
        {
            e.Property(v => v.Kind).HasMaxLength(24);
            e.Property(v => v.Actor).HasMaxLength(Limits.NameLength);
            e.Property(v => v.Text).HasMaxLength(ReviewLimits.Text + 200);
            // A live page reads "this project's events after N".
            e.HasIndex(v => new { v.ProjectId, v.Id });
            e.HasOne<Entities.Project>().WithMany().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<WebhookEndpoint>(e =>
        {
            e.Property(w => w.Url).HasMaxLength(2048);
            e.Property(w => w.CreatedBy).HasMaxLength(Limits.NameLength);
            e.Property(w => w.Events).HasConversion(CatalogDbContext.JsonConverter<List<string>>(), CatalogDbContext.JsonComparer<List<string>>());
            e.HasIndex(w => w.ProjectId);
            e.HasOne<Entities.Project>().WithMany().HasForeignKey(w => w.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<WebhookDelivery>(e =>
        {
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.LastError).HasMaxLength(2000);
            // The sender's question: what is due now?
            e.HasIndex(d => new { d.State, d.NextAttemptAt });
            e.HasIndex(d => d.EndpointId);
            e.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureShares(builder);

        builder.Entity<SigningKey>(e =>
        {
            e.Property(k => k.Id).HasMaxLength(64);
        });
    }

    private static void ConfigureShares(ModelBuilder builder)
    {
        builder.Entity<ShareLink>(e =>
        {
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.Property(l => l.RecipientName).HasMaxLength(Limits.NameLength);
            e.Property(l => l.RecipientEmail).HasMaxLength(ShareLimits.Email);
            e.Property(l => l.PasswordHash).HasMaxLength(256);
            e.Property(l => l.Rights).HasConversion<int>();
            e.Property(l => l.Assets).HasConversion(CatalogDbContext.JsonConverter<List<Guid>>(), CatalogDbContext.JsonComparer<List<Guid>>());
            e.Property(l => l.CreatedBy).HasMaxLength(Limits.NameLength);
            e.Property(l => l.RevokedBy).HasMaxLength(Limits.NameLength);
            e.HasIndex(l => l.ProjectId);
            e.HasOne<Entities.Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ShareSession>(e =>
        {
            e.Property(s => s.GuestName).HasMaxLength(Limits.NameLength);
            e.Property(s => s.GuestEmail).HasMaxLength(ShareLimits.Email);
            e.Property(s => s.Address).HasMaxLength(64);
            e.Property(s => s.UserAgent).HasMaxLength(512);
            e.HasIndex(s => s.LinkId);
            e.HasOne<ShareLink>().WithMany().HasForeignKey(s => s.LinkId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ShareWatch>(e =>
        {
            e.Property(w => w.Ranges).HasConversion(CatalogDbContext.JsonConverter<List<double[]>>(), CatalogDbContext.JsonComparer<List<double[]>>());
            e.HasIndex(w => new { w.SessionId, w.AssetId }).IsUnique();
            e.HasIndex(w => w.AssetId);
            e.HasOne<ShareSession>().WithMany().HasForeignKey(w => w.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Entities.Asset>().WithMany().HasForeignKey(w => w.AssetId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
