using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Projects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UploadSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Project = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Card = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RelativePath = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(4400)", maxLength: 4400, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Xxh64 = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StoreUploadId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    PartSize = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UploadSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Cards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Camera = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Roll = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Dit = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SourceVolume = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    OffloadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cards_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CardFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CardId = table.Column<Guid>(type: "uuid", nullable: false),
                    RelativePath = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Xxh64 = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OtherHashes = table.Column<string>(type: "text", nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(4400)", maxLength: 4400, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CardFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CardFiles_Cards_CardId",
                        column: x => x.CardId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CardId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClipName = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    SourceFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Technical_Container = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Technical_DurationSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Technical_FrameRateNumerator = table.Column<int>(type: "integer", nullable: true),
                    Technical_FrameRateDenominator = table.Column<int>(type: "integer", nullable: true),
                    Technical_StartTimecode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Technical_VideoCodec = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Technical_Width = table.Column<int>(type: "integer", nullable: true),
                    Technical_Height = table.Column<int>(type: "integer", nullable: true),
                    Technical_AudioStreams = table.Column<int>(type: "integer", nullable: true),
                    Technical_AudioLayout = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Technical_RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Qc_Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Qc_IntegratedLufs = table.Column<double>(type: "double precision", nullable: true),
                    Qc_TruePeakDbtp = table.Column<double>(type: "double precision", nullable: true),
                    Qc_Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assets_CardFiles_SourceFileId",
                        column: x => x.SourceFileId,
                        principalTable: "CardFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assets_Cards_CardId",
                        column: x => x.CardId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClipTags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Label = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Start = table.Column<double>(type: "double precision", nullable: false),
                    End = table.Column<double>(type: "double precision", nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClipTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClipTags_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PipelineStages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineStages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PipelineStages_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Renditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(4400)", maxLength: 4400, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Renditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Renditions_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TranscriptSegments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<double>(type: "double precision", nullable: false),
                    End = table.Column<double>(type: "double precision", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Engine = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: true),
                    Words = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptSegments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TranscriptSegments_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_CardId",
                table: "Assets",
                column: "CardId");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_CreatedAt",
                table: "Assets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_SourceFileId",
                table: "Assets",
                column: "SourceFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CardFiles_AssetId",
                table: "CardFiles",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_CardFiles_CardId_RelativePath",
                table: "CardFiles",
                columns: new[] { "CardId", "RelativePath" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CardFiles_StorageKey",
                table: "CardFiles",
                column: "StorageKey");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_ProjectId_Name",
                table: "Cards",
                columns: new[] { "ProjectId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClipTags_AssetId_Kind_Start",
                table: "ClipTags",
                columns: new[] { "AssetId", "Kind", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_PipelineStages_AssetId_Stage",
                table: "PipelineStages",
                columns: new[] { "AssetId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PipelineStages_Status",
                table: "PipelineStages",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Name",
                table: "Projects",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Renditions_AssetId_Kind",
                table: "Renditions",
                columns: new[] { "AssetId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptSegments_AssetId_Sequence",
                table: "TranscriptSegments",
                columns: new[] { "AssetId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UploadSessions_StorageKey_Status",
                table: "UploadSessions",
                columns: new[] { "StorageKey", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClipTags");

            migrationBuilder.DropTable(
                name: "PipelineStages");

            migrationBuilder.DropTable(
                name: "Renditions");

            migrationBuilder.DropTable(
                name: "TranscriptSegments");

            migrationBuilder.DropTable(
                name: "UploadSessions");

            migrationBuilder.DropTable(
                name: "Assets");

            migrationBuilder.DropTable(
                name: "CardFiles");

            migrationBuilder.DropTable(
                name: "Cards");

            migrationBuilder.DropTable(
                name: "Projects");
        }
    }
}
