using System.Globalization;
using System.Text.Json;
using Mam.Search.Text;

namespace Mam.Search.Elasticsearch;

/// <summary>Reads a _search response (hits with _source, matched_queries, highlight and inner_hits;
/// aggregations) into <see cref="SearchResults"/>.</summary>
public static class ElasticsearchResponse
{
    public static SearchResults Read(JsonElement root, SearchPlan plan, string typedQuery)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var hits = root.GetProperty("hits");
        var clips = new List<ClipResult>();
        foreach (var hit in Array(hits, "hits"))
        {
            clips.Add(Clip(hit, plan.IsBrowse));
        }

        var total = hits.TryGetProperty("total", out var t)
            ? (t.ValueKind == JsonValueKind.Object ? t.GetProperty("value").GetInt32() : t.GetInt32())
            : clips.Count;

        return new SearchResults(typedQuery, ResultAssembly.FlatHits(clips, plan.Limit, plan.IsBrowse))
        {
            Clips = clips,
            TotalClips = total,
            Facets = Facets(root),
        };
    }

    private static ClipResult Clip(JsonElement hit, bool browse)
    {
        var source = hit.GetProperty("_source");
        var assetId = Guid.Parse(hit.GetProperty("_id").GetString()!, CultureInfo.InvariantCulture);
        var clipName = String(source, "clipName") ?? string.Empty;
        var score = hit.TryGetProperty("_score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;

        var clipHits = new List<SearchHit>();
        if (!browse && Matched(hit, ElasticsearchQuery.AssetQueryName))
        {
            var marked = FirstHighlight(hit, "clipName.text", "card.text", "metadata") ?? clipName;
            clipHits.Add(new SearchHit(assetId, clipName, SearchHitKinds.Asset, null, null,
                SnippetMarkup.ToHtml(SnippetWindow.Around(marked)), score) { Source = SegmentSources.Clip });
        }

        if (hit.TryGetProperty("inner_hits", out var inner) && inner.TryGetProperty(ElasticsearchQuery.SegmentsQueryName, out var segments))
        {
            foreach (var segment in Array(segments.GetProperty("hits"), "hits"))
            {
                clipHits.Add(Segment(assetId, clipName, segment));
            }
        }

        return new ClipResult(assetId, clipName, String(source, "project") ?? string.Empty, String(source, "card") ?? string.Empty,
            String(source, "camera"), score, ResultAssembly.OrderWithinClip(clipHits))
        {
            RecordedAt = String(source, "recordedAt") is { } recorded
                ? DateTime.Parse(recorded, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                : null,
            Codec = String(source, "codec"),
            Resolution = String(source, "resolution"),
            QcStatus = String(source, "qcStatus"),
            HasFaces = source.TryGetProperty("hasFaces", out var faces) && faces.ValueKind == JsonValueKind.True,
        };
    }

    private static SearchHit Segment(Guid assetId, string clipName, JsonElement segment)
    {
        var source = segment.GetProperty("_source");
        var text = String(source, "text") ?? string.Empty;
        var marked = FirstHighlight(segment, "segments.text", "segments.text.plain") ?? text;
        return new SearchHit(
            assetId,
            clipName,
            SearchHitKinds.Segment,
            source.GetProperty("start").GetDouble(),
            source.GetProperty("end").GetDouble(),
            SnippetMarkup.ToHtml(SnippetWindow.Around(marked)),
            segment.TryGetProperty("_score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0)
        {
            Source = String(source, "source") ?? SegmentSources.Transcript,
            Confidence = source.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null,
        };
    }

    /// <summary>matched_queries is a list of names, or (with include_named_queries_score, 8.8+) an
    /// object of name → score.</summary>
    private static bool Matched(JsonElement hit, string name)
    {
        if (!hit.TryGetProperty("matched_queries", out var matched))
        {
            return false;
        }

        return matched.ValueKind switch
        {
            JsonValueKind.Array => matched.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == name),
            JsonValueKind.Object => matched.TryGetProperty(name, out _),
            _ => false,
        };
    }

    /// <summary>The first field, in the order given, whose highlight marks a match.</summary>
    private static string? FirstHighlight(JsonElement hit, params string[] fields)
    {
        if (!hit.TryGetProperty("highlight", out var highlight))
        {
            return null;
        }

        foreach (var field in fields)
        {
            if (highlight.TryGetProperty(field, out var fragments) && fragments.ValueKind == JsonValueKind.Array)
            {
                var text = fragments.EnumerateArray().Select(f => f.GetString()).FirstOrDefault(f => f is not null);
                if (text is not null && text.Contains(SnippetMarkup.MatchStart, StringComparison.Ordinal))
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static Dictionary<string, IReadOnlyList<FacetCount>> Facets(JsonElement root)
    {
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        foreach (var name in FacetNames.All)
        {
            var counts = new List<FacetCount>();
            if (root.TryGetProperty("aggregations", out var aggs) && aggs.TryGetProperty(name, out var agg))
            {
                foreach (var bucket in Array(agg, "buckets"))
                {
                    // Booleans come back as key 1/0 with key_as_string "true"/"false".
                    var value = String(bucket, "key_as_string") ?? (bucket.GetProperty("key") is var key && key.ValueKind == JsonValueKind.String
                        ? key.GetString()!
                        : key.GetRawText());
                    counts.Add(new FacetCount(value, bucket.GetProperty("doc_count").GetInt32()));
                }
            }

            facets[name] = ResultAssembly.OrderFacet(counts);
        }

        return facets;
    }

    private static JsonElement[] Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToArray() : [];

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
