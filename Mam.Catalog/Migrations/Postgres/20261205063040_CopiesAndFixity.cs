using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mam.Catalog.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CopiesAndFixity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FileCopies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CardFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Location = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Key = table.Column<string>(type: "character varying(4400)", maxLength: 4400, nullable: false),
                    StorageClass = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastCheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastOutcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LastCheckedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FileCopies_CardFiles_CardFileId",
                        column: x => x.CardFileId,
                        principalTable: "CardFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FixityAudits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    CardId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Planned = table.Column<int>(type: "integer", nullable: false),
                    Plan = table.Column<string>(type: "text", nullable: false),
                    Checked = table.Column<int>(type: "integer", nullable: false),
                    Intact = table.Column<int>(type: "integer", nullable: false),
                    Damaged = table.Column<int>(type: "integer", nullable: false),
                    Missing = table.Column<int>(type: "integer", nullable: false),
                    Repaired = table.Column<int>(type: "integer", nullable: false),
                    BytesRead = table.Column<long>(type: "bigint", nullable: false),
                    Alert = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FixityAudits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FixityChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileCopyId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Expected = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Actual = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Agent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    FixityAuditId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FixityChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FixityChecks_FileCopies_FileCopyId",
                        column: x => x.FileCopyId,
                        principalTable: "FileCopies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FileCopies_CardFileId_Kind_Location",
                table: "FileCopies",
                columns: new[] { "CardFileId", "Kind", "Location" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FileCopies_Kind_LastCheckedAt",
                table: "FileCopies",
                columns: new[] { "Kind", "LastCheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FixityAudits_ProjectId_RequestedAt",
                table: "FixityAudits",
                columns: new[] { "ProjectId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FixityAudits_RequestedAt",
                table: "FixityAudits",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FixityChecks_At",
                table: "FixityChecks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_FixityChecks_FileCopyId_At",
                table: "FixityChecks",
                columns: new[] { "FileCopyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FixityChecks_FixityAuditId_FileCopyId",
                table: "FixityChecks",
                columns: new[] { "FixityAuditId", "FileCopyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FixityAudits");

            migrationBuilder.DropTable(
                name: "FixityChecks");

            migrationBuilder.DropTable(
                name: "FileCopies");
        }
    }
}
