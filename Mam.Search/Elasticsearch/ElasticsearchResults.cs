using System.Globalization;
using System.Text.Json;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Mam.Search.Text;
using Mam.Search.Words;

namespace Mam.Search.Elasticsearch;

/// <summary>Reads the client's search response (hits with _source, matched_queries, highlight and
/// inner_hits; aggregations) into <see cref="SearchResults"/>.</summary>
public static class ElasticsearchResults
{
    /// <exception cref="FormatException">The answer lacks what every search response has (hits, ids).</exception>
    public static SearchResults Read(SearchResponse<ElasticsearchDocument> response, SearchPlan plan, string typedQuery)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(plan);
        var hits = response.HitsMetadata ?? throw new FormatException("The answer has no hits.");
        var clips = (hits.Hits ?? []).Select(h => Clip(h, plan)).ToList();
        var total = hits.Total?.Match(t => t?.Value ?? clips.Count, count => count) ?? clips.Count;

        return new SearchResults(typedQuery, ResultAssembly.FlatHits(clips, plan.Limit, plan.IsBrowse))
        {
            Clips = clips,
            TotalClips = (int)Math.Min(total, int.MaxValue),
            Facets = Facets(response.Aggregations),
        };
    }

    private static ClipResult Clip(Hit<ElasticsearchDocument> hit, SearchPlan plan)
    {
        var browse = plan.IsBrowse;
        var source = hit.Source ?? throw new FormatException("A hit has no _source.");
        var assetId = Guid.Parse(hit.Id ?? throw new FormatException("A hit has no _id."), CultureInfo.InvariantCulture);
        var score = hit.Score ?? 0;

        var clipHits = new List<SearchHit>();
        if (!browse && Matched(hit, ElasticsearchQuery.AssetQueryName))
        {
            var marked = FirstHighlight(hit.Highlight, "clipName.text", "card.text", "metadata") ?? source.ClipName;
            clipHits.Add(new SearchHit(assetId, source.ClipName, SearchHitKinds.Asset, null, null,
                SnippetMarkup.ToHtml(SnippetWindow.Around(marked)), score) { Source = SegmentSources.Clip });
        }

        if (hit.InnerHits?.TryGetValue(ElasticsearchQuery.SegmentsQueryName, out var segments) == true)
        {
            foreach (var segment in segments.Hits?.Hits ?? [])
            {
                clipHits.AddRange(Segment(assetId, source.ClipName, segment, plan.Query.IsSingleClause));
            }

            ResultAssembly.KeepBest(clipHits);
        }

        return new ClipResult(assetId, source.ClipName, source.Project, source.Card, source.Camera, score,
            ResultAssembly.OrderWithinClip(clipHits))
        {
            RecordedAt = ElasticsearchDocument.ParseInstant(source.RecordedAt),
            Codec = source.Codec,
            Resolution = source.Resolution,
            QcStatus = source.QcStatus,
            HasFaces = source.HasFaces,
        };
    }

    /// <summary>A matching segment's hits at its words' times (<see cref="WordHits"/>, as FTS5 makes
    /// them). Inner hits carry their _source untyped (the client cannot know the nested type).</summary>
    private static IEnumerable<SearchHit> Segment(Guid assetId, string clipName, Hit<object> hit, bool eachOccurrence)
    {
        var segment = hit.Source switch
        {
            JsonElement json => json.Deserialize<ElasticsearchSegment>(),
            ElasticsearchSegment typed => typed,
            _ => null,
        } ?? throw new FormatException("An inner hit has no _source.");
        var marked = FirstHighlight(hit.Highlight, "segments.text", "segments.text.plain") ?? segment.Text;
        return WordHits.Find(marked, segment.Start, segment.End, segment.WordTimes(), eachOccurrence).Hits
            .Select(h => new SearchHit(assetId, clipName, SearchHitKinds.Segment, h.Start, h.End, SnippetMarkup.ToHtml(h.Snippet), hit.Score ?? 0)
            {
                Source = segment.Source,
                Confidence = segment.Confidence,
            });
    }

    /// <summary>matched_queries is a list of names, or (with include_named_queries_score) name → score.</summary>
    private static bool Matched<T>(Hit<T> hit, string name) =>
        hit.MatchedQueries?.Match(names => names?.Contains(name, StringComparer.Ordinal) == true, scores => scores?.ContainsKey(name) == true) == true;

    /// <summary>The first field, in the order given, whose highlight marks a match.</summary>
    private static string? FirstHighlight(IReadOnlyDictionary<string, IReadOnlyCollection<string>>? highlight, params string[] fields)
    {
        if (highlight is null)
        {
            return null;
        }

        foreach (var field in fields)
        {
            if (highlight.TryGetValue(field, out var fragments)
                && fragments.FirstOrDefault() is { } text
                && text.Contains(SnippetMarkup.MatchStart, StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }

    private static Dictionary<string, IReadOnlyList<FacetCount>> Facets(AggregateDictionary? aggregations)
    {
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        foreach (var name in FacetNames.All)
        {
            IAggregate? aggregate = null;
            aggregations?.TryGetAggregate(name, out aggregate);
            facets[name] = ResultAssembly.OrderFacet(Buckets(aggregate));
        }

        return facets;
    }

    /// <summary>Keyword fields answer string terms; booleans answer long terms with key 1/0 and
    /// key_as_string "true"/"false"; a field no clip has yet answers unmapped terms (no buckets).</summary>
    private static IEnumerable<FacetCount> Buckets(IAggregate? aggregate) => aggregate switch
    {
        StringTermsAggregate strings => strings.Buckets.Select(b => new FacetCount(Key(b.Key), Count(b.DocCount))),
        LongTermsAggregate longs => longs.Buckets.Select(b =>
            new FacetCount(b.KeyAsString ?? b.Key.ToString(CultureInfo.InvariantCulture), Count(b.DocCount))),
        _ => [],
    };

    private static string Key(FieldValue key) => key.TryGetString(out var text) ? text : key.ToString();

    private static int Count(long count) => (int)Math.Min(count, int.MaxValue);
}
