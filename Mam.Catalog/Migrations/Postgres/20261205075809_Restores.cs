using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Restores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Restores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopeKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Scope = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    CardId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromTimecode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ToTimecode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Destination = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TotalBytes = table.Column<long>(type: "bigint", nullable: false),
                    ThroughputMiBps = table.Column<double>(type: "double precision", nullable: false),
                    ThroughputSource = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BytesRead = table.Column<long>(type: "bigint", nullable: true),
                    Seconds = table.Column<double>(type: "double precision", nullable: true),
                    Mhl = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Restores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Restores_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RestoreFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RestoreId = table.Column<Guid>(type: "uuid", nullable: false),
                    CardFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    CardName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RelativePath = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    StorageClass = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Missing = table.Column<bool>(type: "boolean", nullable: false),
                    ArchiveRestoreNeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RestoredXxh64 = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Cut_FromTimecode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Cut_ToTimecode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Cut_FromSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Cut_ToSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Cut_State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Cut_StartTimecode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Cut_StartsAtEarlierIFrame = table.Column<bool>(type: "boolean", nullable: true),
                    Cut_ByteStart = table.Column<long>(type: "bigint", nullable: true),
                    Cut_ByteEnd = table.Column<long>(type: "bigint", nullable: true),
                    Cut_BytesRead = table.Column<long>(type: "bigint", nullable: true),
                    Cut_StorageKey = table.Column<string>(type: "character varying(4400)", maxLength: 4400, nullable: true),
                    Cut_Xxh64 = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Cut_Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RestoreFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RestoreFiles_CardFiles_CardFileId",
                        column: x => x.CardFileId,
                        principalTable: "CardFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RestoreFiles_Restores_RestoreId",
                        column: x => x.RestoreId,
                        principalTable: "Restores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RestoreFiles_CardFileId",
                table: "RestoreFiles",
                column: "CardFileId");

            migrationBuilder.CreateIndex(
                name: "IX_RestoreFiles_RestoreId",
                table: "RestoreFiles",
                column: "RestoreId");

            migrationBuilder.CreateIndex(
                name: "IX_Restores_ProjectId",
                table: "Restores",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Restores_RequestedAt",
                table: "Restores",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Restores_State_FinishedAt",
                table: "Restores",
                columns: new[] { "State", "FinishedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RestoreFiles");

            migrationBuilder.DropTable(
                name: "Restores");
        }
    }
}
