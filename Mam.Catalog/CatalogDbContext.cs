using System.Text.Json;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Archive;
using Mam.Catalog.Entities.People;
using Mam.Catalog.Entities.Restores;
using Mam.Catalog.Entities.Review;
using Mam.Catalog.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Mam.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Mam.Catalog;

/// <summary>The catalog: the source of truth for cards, files, assets, renditions and stage outcomes.
/// The model lives here; each database engine has its own derived type (<see cref="SqliteCatalogDbContext"/>,
/// <see cref="PostgresCatalogDbContext"/>) only so that each has its own generated migrations and model
/// snapshot, as EF's "one context type per provider" asks. The rest of the code sees this type, through
/// <see cref="IDbContextFactory{CatalogDbContext}"/>.</summary>
public abstract class CatalogDbContext : IdentityUserContext<Person, Guid>, IDataProtectionKeyContext
{
    private protected CatalogDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Card> Cards => Set<Card>();
    public DbSet<CardFile> CardFiles => Set<CardFile>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<Rendition> Renditions => Set<Rendition>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<PipelineOperation> PipelineOperations => Set<PipelineOperation>();
    public DbSet<TranscriptSegment> TranscriptSegments => Set<TranscriptSegment>();
    public DbSet<UploadSession> UploadSessions => Set<UploadSession>();
    public DbSet<ClipTag> ClipTags => Set<ClipTag>();
    public DbSet<ProjectMembership> ProjectMemberships => Set<ProjectMembership>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<FileCopy> FileCopies => Set<FileCopy>();
    public DbSet<FixityCheck> FixityChecks => Set<FixityCheck>();
    public DbSet<FixityAudit> FixityAudits => Set<FixityAudit>();
    public DbSet<Restore> Restores => Set<Restore>();
    public DbSet<RestoreFile> RestoreFiles => Set<RestoreFile>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<AssetVersion> AssetVersions => Set<AssetVersion>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<ReviewStage> ReviewStages => Set<ReviewStage>();
    public DbSet<StackGate> StackGates => Set<StackGate>();
    public DbSet<ProjectEvent> ProjectEvents => Set<ProjectEvent>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<ShareSession> ShareSessions => Set<ShareSession>();
    public DbSet<ShareWatch> ShareWatches => Set<ShareWatch>();
    public DbSet<Entities.Notifications.ProjectFollow> ProjectFollows => Set<Entities.Notifications.ProjectFollow>();
    public DbSet<Entities.Notifications.NotificationState> NotificationStates => Set<Entities.Notifications.NotificationState>();
    public DbSet<Entities.Notifications.NotificationRead> NotificationReads => Set<Entities.Notifications.NotificationRead>();
    public DbSet<Entities.Notifications.DigestSent> DigestsSent => Set<Entities.Notifications.DigestSent>();

    /// <summary>The keys that sign cookies and media links, in the catalog so every API instance
    /// shares them and a restart signs nobody out.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        PeopleModel.Configure(builder);
        ArchiveModel.Configure(builder);
        RestoreModel.Configure(builder);
        ReviewModel.Configure(builder);
        NotificationModel.Configure(builder);
        builder.Entity<Project>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(Limits.NameLength);
            e.HasIndex(p => p.Name).IsUnique();
        });

        builder.Entity<Card>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(Limits.NameLength);
            e.Property(c => c.Camera).HasMaxLength(Limits.NameLength);
            e.Property(c => c.Roll).HasMaxLength(Limits.NameLength);
            e.Property(c => c.Dit).HasMaxLength(Limits.NameLength);
            e.Property(c => c.SourceVolume).HasMaxLength(Limits.PathLength);
            e.HasIndex(c => new { c.ProjectId, c.Name }).IsUnique();
            e.HasOne(c => c.Project).WithMany(p => p.Cards).HasForeignKey(c => c.ProjectId);
        });

        builder.Entity<CardFile>(e =>
        {
            e.Property(f => f.RelativePath).HasMaxLength(Limits.PathLength);
            e.Property(f => f.StorageKey).HasMaxLength(Limits.StorageKeyLength);
            e.Property(f => f.Xxh64).HasMaxLength(16);
            e.Property(f => f.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(f => f.OtherHashes).HasConversion(JsonConverter<Dictionary<string, string>>(), JsonComparer<Dictionary<string, string>>());
            e.HasIndex(f => new { f.CardId, f.RelativePath }).IsUnique();
            e.HasIndex(f => f.StorageKey);
            // An asset page lists its files by asset; without this, every read scans all files.
            e.HasIndex(f => f.AssetId);
            e.HasOne(f => f.Card).WithMany(c => c.Files).HasForeignKey(f => f.CardId);
        });

        builder.Entity<Asset>(e =>
        {
            e.Property(a => a.ClipName).HasMaxLength(Limits.PathLength);
            e.HasOne(a => a.Card).WithMany(c => c.Assets).HasForeignKey(a => a.CardId);
            e.HasOne(a => a.SourceFile).WithMany().HasForeignKey(a => a.SourceFileId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsOne(a => a.Technical, t =>
            {
                t.Property(x => x.Container).HasMaxLength(64);
                t.Property(x => x.StartTimecode).HasMaxLength(16);
                t.Property(x => x.VideoCodec).HasMaxLength(64);
                t.Property(x => x.AudioLayout).HasMaxLength(512);
            });
            e.OwnsOne(a => a.Qc, q =>
            {
                q.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
                q.Property(x => x.Summary).HasMaxLength(4000);
            });
            e.HasIndex(a => a.CreatedAt);
        });

        builder.Entity<Rendition>(e =>
        {
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.StorageKey).HasMaxLength(Limits.StorageKeyLength);
            e.Property(r => r.ContentType).HasMaxLength(64);
            e.HasIndex(r => new { r.AssetId, r.Kind }).IsUnique();
            e.HasIndex(r => r.CheckedAt);
            e.HasOne<Asset>().WithMany(a => a.Renditions).HasForeignKey(r => r.AssetId);
        });

        builder.Entity<PipelineStage>(e =>
        {
            e.Property(s => s.Stage).HasConversion(name => name.Value, value => new StageName(value)).HasMaxLength(StageName.MaxLength);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            // Rows that existed before the column are not asked to run again.
            e.Property(s => s.RerunRequested).HasDefaultValue(false);
            e.Property(s => s.LastError).HasMaxLength(4000);
            e.Property(s => s.Note).HasMaxLength(1000);
            e.Property(s => s.LeaseHolder).HasMaxLength(PipelineStage.LeaseHolderLength);
            e.HasIndex(s => new { s.AssetId, s.Stage }).IsUnique();
            e.HasIndex(s => s.Status);
            e.HasOne<Asset>().WithMany(a => a.Stages).HasForeignKey(s => s.AssetId);
        });

        builder.Entity<PipelineOperation>(e =>
        {
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.Project).HasMaxLength(Limits.NameLength);
            e.Property(o => o.Card).HasMaxLength(Limits.NameLength);
            e.Property(o => o.Stages).HasMaxLength(400);
            e.Property(o => o.Reason).HasMaxLength(Limits.OperationReasonLength);
            e.Property(o => o.RequestedBy).HasMaxLength(200);
            e.Property(o => o.Error).HasMaxLength(4000);
            e.HasIndex(o => o.RequestedAt);
            e.HasIndex(o => o.AssetId);
        });

        builder.Entity<TranscriptSegment>(e =>
        {
            e.Property(s => s.Engine).HasMaxLength(64);
            e.Property(s => s.Words).HasConversion(JsonConverter<List<TranscriptWordTiming>>(), JsonComparer<List<TranscriptWordTiming>>());
            e.HasIndex(s => new { s.AssetId, s.Sequence }).IsUnique();
            e.HasOne<Asset>().WithMany(a => a.TranscriptSegments).HasForeignKey(s => s.AssetId);
        });

        builder.Entity<ClipTag>(e =>
        {
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Label).HasMaxLength(Limits.TagLabelLength);
            e.Property(t => t.Source).HasMaxLength(64);
            e.Property(t => t.Detail).HasMaxLength(4000);
            e.HasIndex(t => new { t.AssetId, t.Kind, t.Start });
            e.HasOne<Asset>().WithMany(a => a.Tags).HasForeignKey(t => t.AssetId);
        });

        builder.Entity<UploadSession>(e =>
        {
            e.Property(u => u.Project).HasMaxLength(Limits.NameLength);
            e.Property(u => u.Card).HasMaxLength(Limits.NameLength);
            e.Property(u => u.RelativePath).HasMaxLength(Limits.PathLength);
            e.Property(u => u.StorageKey).HasMaxLength(Limits.StorageKeyLength);
            e.Property(u => u.Xxh64).HasMaxLength(16);
            e.Property(u => u.StoreUploadId).HasMaxLength(1024);
            e.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(u => new { u.StorageKey, u.Status });
            // A card's verified uploads (registration) and its files and folders (name collisions), per upload.
            e.HasIndex(u => new { u.Project, u.Card, u.Status });
        });

        // Append-only; no foreign keys, so the trail outlives the clips, cards and people it names.
        builder.Entity<AuditEvent>(e =>
        {
            e.Property(a => a.ActorId).HasMaxLength(AuditEventLimits.Actor);
            e.Property(a => a.ActorName).HasMaxLength(AuditEventLimits.Actor);
            e.Property(a => a.ClientAddress).HasMaxLength(AuditEventLimits.Address);
            e.Property(a => a.Action).HasMaxLength(AuditEventLimits.Action);
            e.Property(a => a.Project).HasMaxLength(Limits.NameLength);
            e.Property(a => a.Detail).HasMaxLength(AuditEventLimits.Detail);
            e.Property(a => a.Result).HasMaxLength(AuditEventLimits.Result);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.ActorId, a.At });
            e.HasIndex(a => new { a.Project, a.At });
            e.HasIndex(a => new { a.AssetId, a.At });
        });
    }

    // JSON columns through a converter rather than provider JSON types, so both engines store the
    // same text and one model serves both.
    internal static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> JsonConverter<T>() where T : new() =>
        new(v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<T>(v, JsonSerializerOptions.Default) ?? new T());

    internal static ValueComparer<T> JsonComparer<T>() where T : new() =>
        new((a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default) ?? new T());
}
