using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GuestApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "PersonId",
                table: "Approvals",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "GuestEmail",
                table: "Approvals",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ShareLinkId",
                table: "Approvals",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GuestEmail",
                table: "Approvals");

            migrationBuilder.DropColumn(
                name: "ShareLinkId",
                table: "Approvals");

            migrationBuilder.AlterColumn<Guid>(
                name: "PersonId",
                table: "Approvals",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
