using System.ComponentModel.DataAnnotations;

namespace Mam.Catalog;

public enum CatalogProvider
{
    /// <summary>Embedded default: one file, one machine.</summary>
    Sqlite,
    /// <summary>Shared by several API and worker processes.</summary>
    Postgres,
}

/// <summary>Section "Catalog": SQLite or PostgreSQL, over the same model (each engine has its own generated migrations).</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    public CatalogProvider Provider { get; set; } = CatalogProvider.Sqlite;

    /// <summary>Defaults to a SQLite file in {Mam:DataDirectory}; PostgreSQL needs one set.</summary>
    [Required(ErrorMessage = "Catalog:ConnectionString is required with Catalog:Provider=Postgres, e.g. Host=db;Database=mam;Username=mam;Password=….")]
    public string ConnectionString { get; set; } = "";
}
