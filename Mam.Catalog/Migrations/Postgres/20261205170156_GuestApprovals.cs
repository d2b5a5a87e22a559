using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mam.Catalog.Migrations.Postgres
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
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "GuestEmail",
                table: "Approvals",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ShareLinkId",
                table: "Approvals",
                type: "uuid",
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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
