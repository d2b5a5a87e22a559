using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using ClientSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;

namespace Mam.Search.Elasticsearch;

/// <summary>Renders a <see cref="SearchPlan"/> as the client's typed search request. Every typed term
/// becomes a match_phrase / prefix / multi_match on literal text: no query_string, so Lucene syntax a
/// user types (field:value, ~, ^, wildcards, brackets, AND/OR in lower case) is only text for the analyser.</summary>
/// <remarks>Semantics match the FTS5 engine: the boolean expression is evaluated per segment (inside
/// the nested query) or over the clip's name, card and metadata; filters never affect scores; facets
/// count matching clips.</remarks>
public static class ElasticsearchQuery
{
    public const string SegmentsQueryName = "segments";
    public const string AssetQueryName = "asset";

    /// <summary>Marks around matched words in highlights (see <see cref="Text.SnippetMarkup"/>).</summary>
    public const string MatchStart = "\u0002";
    public const string MatchEnd = "\u0003";

    private static readonly Field[] AssetFields = [new("clipName.text", 4), new("card.text", 2), new("metadata")];

    private static readonly (string Facet, string Field)[] FacetFields =
    [
        (FacetNames.Project, "project"),
        (FacetNames.Card, "card"),
        (FacetNames.Camera, "camera"),
        (FacetNames.Codec, "codec"),
        (FacetNames.Resolution, "resolution"),
        (FacetNames.Tag, "tags"),
        (FacetNames.Qc, "qcStatus"),
        (FacetNames.HasFaces, "hasFaces"),
    ];

    public static ClientSearchRequest Build(string index, SearchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var query = new BoolQuery { Filter = Filters(plan.Filter) };
        var request = new ClientSearchRequest(index)
        {
            Size = plan.Limit,
            TrackTotalHits = new TrackHits(true),
            Source = new SourceConfig(new SourceFilter { Excludes = Fields.FromStrings(["segments", "metadata"]) }),
            Query = query,
            Aggregations = Aggregations(),
        };

        if (plan.IsBrowse)
        {
            request.Sort = BrowseSort();
        }
        else
        {
            query.Should = [SegmentsQuery(plan.Query), AssetQuery(plan.Query)];
            query.MinimumShouldMatch = 1;
            request.Highlight = Highlight("clipName.text", "card.text", "metadata");
        }

        return request;
    }

    private static List<Query> Filters(SearchFilter filter)
    {
        var filters = new List<Query>();
        void Term(string field, string? value)
        {
            if (value is not null)
            {
                filters.Add(new TermQuery(field, value));
            }
        }

        Term("project", filter.Project);
        if (filter.VisibleProjects is { } visible)
        {
            filters.Add(new TermsQuery { Field = "project", Terms = new TermsQueryField(visible.Select(p => (FieldValue)p).ToList()) });
        }
        Term("card", filter.Card);
        Term("camera", filter.Camera);
        Term("codec", filter.Codec);
        Term("resolution", filter.Resolution);
        foreach (var tag in filter.Tags)
        {
            Term("tags", tag);
        }

        if (filter.HasFaces is { } faces)
        {
            filters.Add(new TermQuery("hasFaces", faces));
        }

        Term("qcStatus", filter.QcStatus);
        if (filter.RecordedFrom is not null || filter.RecordedBefore is not null)
        {
            var range = new DateRangeQuery("recordedAt");
            if (ElasticsearchDocument.Instant(filter.RecordedFrom) is { } from)
            {
                range.Gte = DateMath.FromString(from);
            }

            if (ElasticsearchDocument.Instant(filter.RecordedBefore) is { } before)
            {
                range.Lt = DateMath.FromString(before);
            }

            filters.Add(range);
        }

        return filters;
    }

    /// <summary>Newest recording first (undated last), then project, card, clip name: the FTS5 order.</summary>
    private static List<SortOptions> BrowseSort() =>
    [
        new FieldSort("recordedAt") { Order = SortOrder.Desc, Missing = "_last" },
        new FieldSort("project") { Order = SortOrder.Asc },
        new FieldSort("card") { Order = SortOrder.Asc },
        new FieldSort("clipName") { Order = SortOrder.Asc },
        new FieldSort("assetId") { Order = SortOrder.Asc },
    ];

    private static Query SegmentsQuery(UserQuery query)
    {
        // With a prefix every word is matched as typed, on the unstemmed field, as FTS5 does.
        var expression = Expression(query, query.HasPrefix ? AsTypedTerm : SegmentTerm);
        var words = query.Included.SelectMany(c => c.Alternatives).Select(t => t.Text).ToList();
        if (!query.HasPrefix && words.Sum(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) >= 2)
        {
            expression.Should = [new MatchQuery("segments.text.shingles", string.Join(' ', words))];
        }

        return new NestedQuery("segments", expression)
        {
            ScoreMode = ChildScoreMode.Max,
            InnerHits = new InnerHits
            {
                Name = SegmentsQueryName,
                Size = SearchLimits.MaxHitsPerClip,
                Highlight = Highlight("segments.text", "segments.text.plain"),
            },
            QueryName = SegmentsQueryName,
        };
    }

    private static Query AssetQuery(UserQuery query)
    {
        var expression = Expression(query, AssetTerm);
        expression.QueryName = AssetQueryName;
        return expression;
    }

    private static BoolQuery Expression(UserQuery query, Func<QueryTerm, Query> render)
    {
        var expression = new BoolQuery { Must = query.Included.Select(c => Clause(c, render)).ToList() };
        if (query.Excluded.Count > 0)
        {
            expression.MustNot = query.Excluded.Select(render).ToList();
        }

        return expression;
    }

    private static Query Clause(QueryClause clause, Func<QueryTerm, Query> render) =>
        clause.Alternatives.Count == 1
            ? render(clause.Alternatives[0])
            : new BoolQuery { Should = clause.Alternatives.Select(render).ToList(), MinimumShouldMatch = 1 };

    /// <summary>A word or phrase is a phrase query (a word with punctuation, like A001_C007, is several
    /// tokens that must stay together, as in FTS5).</summary>
    private static Query SegmentTerm(QueryTerm term) => new MatchPhraseQuery("segments.text", term.Text);

    /// <summary>In a search with a prefix: words and phrases on the unstemmed field, a prefix through
    /// its prefix index (index_prefixes).</summary>
    private static Query AsTypedTerm(QueryTerm term)
    {
        if (!term.Prefix)
        {
            return new MatchPhraseQuery("segments.text.plain", term.Text);
        }

        // A prefix query is not analysed: it reaches every word starting with it only if the text is
        // already what the analyser indexes, which for plain ASCII letters and digits is the lower case.
        // Anything else (accents, several words, punctuation) goes through the analyser instead, which
        // folds it; its last word is looked up in the prefix index when 2-5 letters long, and expanded
        // to at most 50 words (max_expansions) when longer.
        if (term.IsWord && term.Text.All(char.IsAsciiLetterOrDigit))
        {
            return new PrefixQuery("segments.text.plain", term.Text.ToLowerInvariant());
        }

        return new MatchPhrasePrefixQuery("segments.text.plain", term.Text);
    }

    private static Query AssetTerm(QueryTerm term) => new MultiMatchQuery(term.Text)
    {
        Type = term.Prefix ? TextQueryType.PhrasePrefix : TextQueryType.Phrase,
        Fields = Fields.FromFields(AssetFields),
    };

    /// <summary>The whole field comes back marked (number_of_fragments 0); <see cref="Text.SnippetWindow"/>
    /// cuts it to the words around the first match, as FTS5's snippet() does, so both engines show the
    /// same kind of line.</summary>
    private static Highlight Highlight(params string[] fields) => new()
    {
        PreTags = [MatchStart],
        PostTags = [MatchEnd],
        Fields = fields.Select(f => new KeyValuePair<Field, HighlightField>(f, new HighlightField { NumberOfFragments = 0 })).ToList(),
    };

    private static Dictionary<string, Aggregation> Aggregations() => FacetFields.ToDictionary(
        f => f.Facet,
        f => (Aggregation)new TermsAggregation { Field = f.Field, Size = SearchLimits.FacetSize },
        StringComparer.Ordinal);
}
