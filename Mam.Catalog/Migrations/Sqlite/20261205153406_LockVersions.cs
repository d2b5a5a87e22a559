using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LockVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LockNote",
                table: "StackGates",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedAt",
                table: "StackGates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LockedBy",
                table: "StackGates",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LockedVersion",
                table: "StackGates",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LockNote",
                table: "StackGates");

            migrationBuilder.DropColumn(
                name: "LockedAt",
                table: "StackGates");

            migrationBuilder.DropColumn(
                name: "LockedBy",
                table: "StackGates");

            migrationBuilder.DropColumn(
                name: "LockedVersion",
                table: "StackGates");
        }
    }
}
