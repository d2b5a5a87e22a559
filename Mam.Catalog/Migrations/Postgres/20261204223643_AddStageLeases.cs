using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddStageLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAt",
                table: "PipelineStages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseHolder",
                table: "PipelineStages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "PipelineStages");

            migrationBuilder.DropColumn(
                name: "LeaseHolder",
                table: "PipelineStages");
        }
    }
}
