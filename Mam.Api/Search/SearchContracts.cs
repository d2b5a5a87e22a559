namespace Mam.Api.Search;

/// <summary>The answer of GET /api/search. <see cref="Hits"/> is the original flat list (best hits
/// first); <see cref="Clips"/> groups the same matches per clip with every matching timecode;
/// <see cref="Facets"/> counts matching clips per filter value.</summary>
/// <param name="Count">Number of entries in <see cref="Hits"/>.</param>
/// <param name="TotalClips">How many clips match in all (Clips is capped by limit).</param>
public sealed record SearchResponse(
    string Query,
    int Count,
    IReadOnlyList<SearchHitView> Hits,
    int TotalClips,
    IReadOnlyList<SearchClipView> Clips,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValueView>> Facets);

/// <summary>A hit an editor can act on: which clip, where in it (SMPTE in/out from the clip's start
/// timecode), and the matched words in context (HTML with &lt;mark&gt;).</summary>
/// <param name="Source">transcript, text (on-screen text), slate, object, face, or clip (name/metadata).</param>
public sealed record SearchHitView(
    Guid AssetId,
    string ClipName,
    string? Project,
    string? Card,
    string Kind,
    double? Start,
    double? End,
    string? TimecodeIn,
    string? TimecodeOut,
    string Snippet,
    double Score,
    string AssetUrl,
    string ProxyUrl,
    string PosterUrl,
    string Source,
    double? Confidence);

/// <summary>One matching clip with every place in it that matched (asset hit first, then in time order).</summary>
/// <param name="PageUrl">The clip page of the web UI.</param>
public sealed record SearchClipView(
    Guid AssetId,
    string ClipName,
    string? Project,
    string? Card,
    string? Camera,
    double Score,
    string PosterUrl,
    string ProxyUrl,
    string PageUrl,
    string AssetUrl,
    DateTime? RecordedAt,
    string? Codec,
    string? Resolution,
    string? Qc,
    bool HasFaces,
    IReadOnlyList<ClipHitView> Hits);

public sealed record ClipHitView(
    string Kind,
    string Source,
    double? Start,
    double? End,
    string? TimecodeIn,
    string? TimecodeOut,
    string Snippet,
    double Score,
    double? Confidence);

public sealed record FacetValueView(string Value, int Count);
