using Mam.Contracts;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mam.Catalog.Migrations;

/// <summary>The first catalog schema. Written by hand: the EF design-time package (dotnet ef) does not
/// restore from the NuGet copy here. Column types are left to the provider so the same migration
/// serves SQLite and PostgreSQL; CatalogSchemaTests checks that it matches the model.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121000000_InitialCatalog")]
public sealed class InitialCatalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable("Projects", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: Limits.NameLength, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Projects", x => x.Id));
        migrationBuilder.CreateIndex("IX_Projects_Name", "Projects", "Name", unique: true);

        migrationBuilder.CreateTable("Cards", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ProjectId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: Limits.NameLength, nullable: false),
            Camera = t.Column<string>(maxLength: Limits.NameLength, nullable: true),
            Roll = t.Column<string>(maxLength: Limits.NameLength, nullable: true),
            Dit = t.Column<string>(maxLength: Limits.NameLength, nullable: true),
            SourceVolume = t.Column<string>(maxLength: Limits.PathLength, nullable: true),
            OffloadedAt = t.Column<DateTime>(nullable: false),
            RegisteredAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Cards", x => x.Id);
            t.ForeignKey("FK_Cards_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_Cards_ProjectId_Name", "Cards", ["ProjectId", "Name"], unique: true);

        migrationBuilder.CreateTable("CardFiles", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CardId = t.Column<Guid>(nullable: false),
            RelativePath = t.Column<string>(maxLength: Limits.PathLength, nullable: false),
            Size = t.Column<long>(nullable: false),
            Xxh64 = t.Column<string>(maxLength: 16, nullable: false),
            OtherHashes = t.Column<string>(nullable: false),
            StorageKey = t.Column<string>(maxLength: Limits.StorageKeyLength, nullable: false),
            Role = t.Column<string>(maxLength: 16, nullable: false),
            AssetId = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CardFiles", x => x.Id);
            t.ForeignKey("FK_CardFiles_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_CardFiles_CardId_RelativePath", "CardFiles", ["CardId", "RelativePath"], unique: true);
        migrationBuilder.CreateIndex("IX_CardFiles_StorageKey", "CardFiles", "StorageKey");

        migrationBuilder.CreateTable("Assets", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CardId = t.Column<Guid>(nullable: false),
            ClipName = t.Column<string>(maxLength: Limits.PathLength, nullable: false),
            SourceFileId = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Technical_Container = t.Column<string>(maxLength: 64, nullable: true),
            Technical_DurationSeconds = t.Column<double>(nullable: true),
            Technical_FrameRateNumerator = t.Column<int>(nullable: true),
            Technical_FrameRateDenominator = t.Column<int>(nullable: true),
            Technical_StartTimecode = t.Column<string>(maxLength: 16, nullable: true),
            Technical_VideoCodec = t.Column<string>(maxLength: 64, nullable: true),
            Technical_Width = t.Column<int>(nullable: true),
            Technical_Height = t.Column<int>(nullable: true),
            Technical_AudioStreams = t.Column<int>(nullable: true),
            Technical_AudioLayout = t.Column<string>(maxLength: 512, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Assets", x => x.Id);
            t.ForeignKey("FK_Assets_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Assets_CardFiles_SourceFileId", x => x.SourceFileId, "CardFiles", "Id", onDelete: ReferentialAction.Restrict);
        });
        migrationBuilder.CreateIndex("IX_Assets_CardId", "Assets", "CardId");
        migrationBuilder.CreateIndex("IX_Assets_SourceFileId", "Assets", "SourceFileId");
        migrationBuilder.CreateIndex("IX_Assets_CreatedAt", "Assets", "CreatedAt");

        migrationBuilder.CreateTable("Renditions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            AssetId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            StorageKey = t.Column<string>(maxLength: Limits.StorageKeyLength, nullable: false),
            ContentType = t.Column<string>(maxLength: 64, nullable: false),
            Size = t.Column<long>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Renditions", x => x.Id);
            t.ForeignKey("FK_Renditions_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_Renditions_AssetId_Kind", "Renditions", ["AssetId", "Kind"], unique: true);

        migrationBuilder.CreateTable("PipelineStages", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            AssetId = t.Column<Guid>(nullable: false),
            Stage = t.Column<string>(maxLength: 16, nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            LastError = t.Column<string>(maxLength: 4000, nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            StartedAt = t.Column<DateTime>(nullable: true),
            FinishedAt = t.Column<DateTime>(nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PipelineStages", x => x.Id);
            t.ForeignKey("FK_PipelineStages_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_PipelineStages_AssetId_Stage", "PipelineStages", ["AssetId", "Stage"], unique: true);
        migrationBuilder.CreateIndex("IX_PipelineStages_Status", "PipelineStages", "Status");

        migrationBuilder.CreateTable("TranscriptSegments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            AssetId = t.Column<Guid>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            Start = t.Column<double>(nullable: false),
            End = t.Column<double>(nullable: false),
            Text = t.Column<string>(nullable: false),
            Engine = t.Column<string>(maxLength: 64, nullable: false),
            Words = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TranscriptSegments", x => x.Id);
            t.ForeignKey("FK_TranscriptSegments_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_TranscriptSegments_AssetId_Sequence", "TranscriptSegments", ["AssetId", "Sequence"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[] { "TranscriptSegments", "PipelineStages", "Renditions", "Assets", "CardFiles", "Cards", "Projects" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
