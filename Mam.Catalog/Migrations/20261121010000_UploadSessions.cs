using Mam.Contracts;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mam.Catalog.Migrations;

/// <summary>Resumable upload sessions (hand-written, see InitialCatalog).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121010000_UploadSessions")]
public sealed class UploadSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable("UploadSessions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Project = t.Column<string>(maxLength: Limits.NameLength, nullable: false),
            Card = t.Column<string>(maxLength: Limits.NameLength, nullable: false),
            RelativePath = t.Column<string>(maxLength: Limits.PathLength, nullable: false),
            StorageKey = t.Column<string>(maxLength: Limits.StorageKeyLength, nullable: false),
            Size = t.Column<long>(nullable: false),
            Xxh64 = t.Column<string>(maxLength: 16, nullable: false),
            StoreUploadId = t.Column<string>(maxLength: 1024, nullable: false),
            PartSize = t.Column<long>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_UploadSessions", x => x.Id));
        migrationBuilder.CreateIndex("IX_UploadSessions_StorageKey_Status", "UploadSessions", ["StorageKey", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("UploadSessions");
    }
}
