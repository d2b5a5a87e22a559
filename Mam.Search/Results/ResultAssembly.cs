namespace Mam.Search;

/// <summary>The parts of building <see cref="SearchResults"/> that must not differ between engines:
/// hit order inside a clip, the flat list, facet order.</summary>
public static class ResultAssembly
{
    /// <summary>The asset hit first (it has no timecode), then the segments in time order, as an
    /// editor reads a clip.</summary>
    public static IReadOnlyList<SearchHit> OrderWithinClip(IEnumerable<SearchHit> hits) =>
        hits.OrderBy(h => h.Start.HasValue)
            .ThenBy(h => h.Start ?? 0)
            .ThenBy(h => h.End ?? 0)
            .ToList();

    /// <summary>The flat list: the best hits of the listed clips. A clip's score is its best hit's, so
    /// the best <paramref name="limit"/> hits overall all belong to the best <paramref name="limit"/> clips.</summary>
    public static IReadOnlyList<SearchHit> FlatHits(IReadOnlyList<ClipResult> clips, int limit, bool browse)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (browse)
        {
            return clips.Take(limit).Select(BrowseHit).ToList();
        }

        return clips.SelectMany(c => c.Hits)
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.AssetId)
            .ThenBy(h => h.Start ?? -1)
            .Take(limit)
            .ToList();
    }

    /// <summary>At most <see cref="SearchLimits.MaxHitsPerClip"/> timed hits per clip: the best-scoring,
    /// the earliest among equals.</summary>
    public static void KeepBest(List<SearchHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        if (hits.Count(h => h.Start is not null) <= SearchLimits.MaxHitsPerClip)
        {
            return;
        }

        var best = hits.Where(h => h.Start is not null).OrderByDescending(h => h.Score).ThenBy(h => h.Start)
            .Take(SearchLimits.MaxHitsPerClip).ToHashSet();
        hits.RemoveAll(h => h.Start is not null && !best.Contains(h));
    }

    /// <summary>Facet values by clip count (most first), then by value; at most <see cref="SearchLimits.FacetSize"/>.</summary>
    public static IReadOnlyList<FacetCount> OrderFacet(IEnumerable<FacetCount> counts) =>
        counts.OrderByDescending(c => c.Count)
            .ThenBy(c => c.Value, StringComparer.Ordinal)
            .Take(SearchLimits.FacetSize)
            .ToList();

    /// <summary>Counts each facet over every matching clip (engines without aggregations).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> CountFacets(IReadOnlyCollection<ClipFacts> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        IReadOnlyList<FacetCount> Count(Func<ClipFacts, IEnumerable<string?>> values) => OrderFacet(clips
            .SelectMany(c => values(c).OfType<string>().Distinct(StringComparer.Ordinal))
            .GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => new FacetCount(g.Key, g.Count())));

        return new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal)
        {
            [FacetNames.Project] = Count(c => [c.Project]),
            [FacetNames.Card] = Count(c => [c.Card]),
            [FacetNames.Camera] = Count(c => [c.Camera]),
            [FacetNames.Codec] = Count(c => [c.Codec]),
            [FacetNames.Resolution] = Count(c => [c.Resolution]),
            [FacetNames.Tag] = Count(c => c.Tags),
            [FacetNames.Qc] = Count(c => [c.QcStatus]),
            [FacetNames.HasFaces] = Count(c => [c.HasFaces ? "true" : "false"]),
        };
    }

    private static SearchHit BrowseHit(ClipResult clip) =>
        new(clip.AssetId, clip.ClipName, SearchHitKinds.Asset, null, null, Text.SnippetMarkup.ToHtml(clip.ClipName), clip.Score)
        {
            Source = SegmentSources.Clip,
        };
}

/// <summary>The filter fields of one matching clip, as facets count them.</summary>
public sealed record ClipFacts(
    string Project, string Card, string? Camera, string? Codec, string? Resolution,
    IReadOnlyList<string> Tags, string? QcStatus, bool HasFaces);
