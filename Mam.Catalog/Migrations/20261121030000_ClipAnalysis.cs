using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mam.Catalog.Migrations;

/// <summary>Time-coded tags and the QC verdict of the analysis stage, phrase confidence, and the
/// recording date from the probe (hand-written, see InitialCatalog).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121030000_ClipAnalysis")]
public sealed class ClipAnalysis : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable("ClipTags", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            AssetId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            Label = t.Column<string>(maxLength: 512, nullable: false),
            Start = t.Column<double>(nullable: false),
            End = t.Column<double>(nullable: false),
            Confidence = t.Column<double>(nullable: false),
            Source = t.Column<string>(maxLength: 64, nullable: false),
            Value = t.Column<double>(nullable: true),
            Detail = t.Column<string>(maxLength: 4000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ClipTags", x => x.Id);
            t.ForeignKey("FK_ClipTags_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Cascade);
        });
        migrationBuilder.CreateIndex("IX_ClipTags_AssetId_Kind_Start", "ClipTags", ["AssetId", "Kind", "Start"]);

        migrationBuilder.AddColumn<string>("Qc_Status", "Assets", maxLength: 16, nullable: true);
        migrationBuilder.AddColumn<double>("Qc_IntegratedLufs", "Assets", nullable: true);
        migrationBuilder.AddColumn<double>("Qc_TruePeakDbtp", "Assets", nullable: true);
        migrationBuilder.AddColumn<string>("Qc_Summary", "Assets", maxLength: 4000, nullable: true);
        migrationBuilder.AddColumn<DateTime>("Technical_RecordedAt", "Assets", nullable: true);
        migrationBuilder.AddColumn<double>("Confidence", "TranscriptSegments", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("ClipTags");
        foreach (var column in new[] { "Qc_Status", "Qc_IntegratedLufs", "Qc_TruePeakDbtp", "Qc_Summary", "Technical_RecordedAt" })
        {
            migrationBuilder.DropColumn(column, "Assets");
        }
        migrationBuilder.DropColumn("Confidence", "TranscriptSegments");
    }
}
