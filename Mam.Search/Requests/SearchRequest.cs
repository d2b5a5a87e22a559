namespace Mam.Search;

/// <summary>What the user typed, the filters they set, and how many clips they want.</summary>
/// <remarks>An empty <see cref="Query"/> with at least one filter set is a browse: every clip that
/// passes the filters, newest recording first.</remarks>
public sealed record SearchRequest
{
    public SearchRequest(string query, int limit = 20, string? project = null)
    {
        Query = query;
        Limit = limit;
        Filter = new SearchFilter { Project = project };
    }

    /// <summary>Search-box syntax: words, "phrases", prefix*, OR, NOT / -word (see <see cref="UserQuery"/>).</summary>
    public string Query { get; init; }

    /// <summary>How many clips (and how many flat hits) to return.</summary>
    public int Limit { get; init; }

    public SearchFilter Filter { get; init; }
}

/// <summary>Field filters; every one that is set must hold (AND). Values match exactly as indexed
/// (the facet values), except <see cref="QcStatus"/>, which is one of <see cref="QcStatuses"/>.</summary>
public sealed record SearchFilter
{
    public string? Project { get; init; }
    public string? Card { get; init; }
    public string? Camera { get; init; }
    public string? Codec { get; init; }
    public string? Resolution { get; init; }

    /// <summary>Recorded at or after this instant (UTC).</summary>
    public DateTime? RecordedFrom { get; init; }

    /// <summary>Recorded strictly before this instant (UTC); a "to" date means the next midnight.</summary>
    public DateTime? RecordedBefore { get; init; }

    /// <summary>The clip carries every one of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool? HasFaces { get; init; }

    public string? QcStatus { get; init; }

    /// <summary>The projects the person searching may read: a clip of any other project is never
    /// found, counted or faceted. Null: every project (a server administrator). Not a filter the
    /// user sets, so it does not make an empty query a browse.</summary>
    public IReadOnlyList<string>? VisibleProjects { get; init; }

    public bool IsEmpty =>
        Project is null && Card is null && Camera is null && Codec is null && Resolution is null
        && RecordedFrom is null && RecordedBefore is null && Tags.Count == 0 && HasFaces is null && QcStatus is null;
}
