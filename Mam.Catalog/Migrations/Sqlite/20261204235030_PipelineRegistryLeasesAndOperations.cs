using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PipelineRegistryLeasesAndOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedAt",
                table: "Renditions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MissingSince",
                table: "Renditions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAt",
                table: "PipelineStages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseHolder",
                table: "PipelineStages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RerunRequested",
                table: "PipelineStages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PipelineOperations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AssetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Project = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Card = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Stages = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    StagesRequeued = table.Column<int>(type: "INTEGER", nullable: false),
                    StagesDeferred = table.Column<int>(type: "INTEGER", nullable: false),
                    MissingFound = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineOperations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Renditions_CheckedAt",
                table: "Renditions",
                column: "CheckedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PipelineOperations_AssetId",
                table: "PipelineOperations",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_PipelineOperations_RequestedAt",
                table: "PipelineOperations",
                column: "RequestedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PipelineOperations");

            migrationBuilder.DropIndex(
                name: "IX_Renditions_CheckedAt",
                table: "Renditions");

            migrationBuilder.DropColumn(
                name: "CheckedAt",
                table: "Renditions");

            migrationBuilder.DropColumn(
                name: "MissingSince",
                table: "Renditions");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "PipelineStages");

            migrationBuilder.DropColumn(
                name: "LeaseHolder",
                table: "PipelineStages");

            migrationBuilder.DropColumn(
                name: "RerunRequested",
                table: "PipelineStages");
        }
    }
}
