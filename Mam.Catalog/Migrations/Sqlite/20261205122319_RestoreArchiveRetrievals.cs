using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RestoreArchiveRetrievals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ArchiveNote",
                table: "Restores",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Archive",
                table: "RestoreFiles",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchiveRequestedAt",
                table: "RestoreFiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadableUntil",
                table: "RestoreFiles",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchiveNote",
                table: "Restores");

            migrationBuilder.DropColumn(
                name: "Archive",
                table: "RestoreFiles");

            migrationBuilder.DropColumn(
                name: "ArchiveRequestedAt",
                table: "RestoreFiles");

            migrationBuilder.DropColumn(
                name: "ReadableUntil",
                table: "RestoreFiles");
        }
    }
}
