namespace Mam.Search;

/// <param name="Hits">The best <see cref="SearchRequest.Limit"/> hits across clips, best first (the
/// original flat list). In a browse, one asset hit per listed clip.</param>
public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>The best clips, best first (newest recording first in a browse), each with every
    /// matching timecode.</summary>
    public IReadOnlyList<ClipResult> Clips { get; init; } = [];

    /// <summary>How many clips match in all (the facets count these; <see cref="Clips"/> is capped by the limit).</summary>
    public int TotalClips { get; init; }

    /// <summary>Facet name (<see cref="FacetNames"/>) → values among all matching clips, most clips
    /// first, then by value. Counts are clips, not hits.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets { get; init; } =
        new Dictionary<string, IReadOnlyList<FacetCount>>();
}

/// <summary>A hit. Segment hits carry Start/End; asset hits (name or metadata matched) have them null.
/// Snippet is HTML-safe text: everything is HTML-encoded except the &lt;mark&gt;…&lt;/mark&gt; around matched terms.</summary>
public sealed record SearchHit(
    Guid AssetId,
    string ClipName,
    string Kind,
    double? Start,
    double? End,
    string Snippet,
    double Score)
{
    /// <summary>One of <see cref="SegmentSources"/>; <see cref="SegmentSources.Clip"/> for asset hits.</summary>
    public string Source { get; init; } = SegmentSources.Transcript;

    public double? Confidence { get; init; }
}

/// <summary>One clip and every place in it that matched.</summary>
/// <param name="Score">Engine-specific relevance (higher is better); 0 in a browse. Only the order is comparable.</param>
/// <param name="Hits">The asset hit first (if the name or metadata matched), then segment hits in
/// time order; at most <see cref="SearchLimits.MaxHitsPerClip"/> (the best-scoring ones).</param>
public sealed record ClipResult(
    Guid AssetId,
    string ClipName,
    string Project,
    string Card,
    string? Camera,
    double Score,
    IReadOnlyList<SearchHit> Hits)
{
    public DateTime? RecordedAt { get; init; }
    public string? Codec { get; init; }
    public string? Resolution { get; init; }
    public string? QcStatus { get; init; }
    public bool HasFaces { get; init; }
}

public sealed record FacetCount(string Value, int Count);

/// <summary>Keys of <see cref="SearchResults.Facets"/> (also the API's facet names).</summary>
public static class FacetNames
{
    public const string Project = "project";
    public const string Card = "card";
    public const string Camera = "camera";
    public const string Codec = "codec";
    public const string Resolution = "resolution";
    public const string Tag = "tag";
    public const string Qc = "qc";
    public const string HasFaces = "hasFaces";

    public static IReadOnlyList<string> All { get; } = [Project, Card, Camera, Codec, Resolution, Tag, Qc, HasFaces];
}

public static class SearchLimits
{
    /// <summary>Largest <see cref="SearchRequest.Limit"/> an engine accepts.</summary>
    public const int MaxLimit = 500;

    /// <summary>Timecodes listed per clip. Elasticsearch caps inner hits at 100 per document by default
    /// (index.max_inner_result_window), and a clip with more matches needs a narrower query anyway.</summary>
    public const int MaxHitsPerClip = 100;

    /// <summary>Values listed per facet.</summary>
    public const int FacetSize = 50;
}
