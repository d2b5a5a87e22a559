using System.ComponentModel.DataAnnotations;

namespace Mam.Search;

/// <summary>Which engine backs <see cref="ISearchIndex"/>.</summary>
public enum SearchProvider
{
    /// <summary>Embedded SQLite FTS5 file: the default, needs no server.</summary>
    Sqlite = 0,

    /// <summary>An Elasticsearch 9.x cluster through the official client; see "Search:Elasticsearch".</summary>
    Elasticsearch = 1,
}

/// <summary>Configuration section "Search".</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    [EnumDataType(typeof(SearchProvider))]
    public SearchProvider Provider { get; set; } = SearchProvider.Sqlite;

    /// <summary>Path of the SQLite file holding the search index (its own file, not the catalogue
    /// database, so it can be rebuilt or deleted without touching assets). Required for Sqlite.</summary>
    [MaxLength(4096)]
    public string? SqlitePath { get; set; }
}
