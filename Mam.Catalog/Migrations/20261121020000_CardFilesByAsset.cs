using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mam.Catalog.Migrations;

/// <summary>Index the files of an asset (hand-written, see InitialCatalog). bench/catalog showed
/// GET /api/assets/{id} falling from 561 to 42 requests/s between 2k and 100k assets without it.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261121020000_CardFilesByAsset")]
public sealed class CardFilesByAsset : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex("IX_CardFiles_AssetId", "CardFiles", "AssetId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("IX_CardFiles_AssetId", "CardFiles");
    }
}
