using System.ComponentModel.DataAnnotations;

namespace Mam.Core.Catalog;

public enum CatalogProvider
{
    Sqlite,
}

/// <summary>Section "Catalog". PostgreSQL arrives as a second provider over the same model and migrations.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    public CatalogProvider Provider { get; set; } = CatalogProvider.Sqlite;

    /// <summary>Defaults to a SQLite file in {Mam:DataDirectory}.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";
}
