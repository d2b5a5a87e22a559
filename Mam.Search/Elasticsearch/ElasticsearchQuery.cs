using System.Text.Json.Nodes;

namespace Mam.Search.Elasticsearch;

/// <summary>Renders a <see cref="SearchPlan"/> as a _search body. Every typed term becomes a
/// match_phrase / prefix / multi_match on literal text: no query_string, so Lucene syntax a user types
/// (field:value, ~, ^, wildcards, brackets, AND/OR in lower case) is only text for the analyser.</summary>
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

    private static readonly string[] AssetFields = ["clipName.text^4", "card.text^2", "metadata"];

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

    public static JsonObject Build(SearchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var body = new JsonObject
        {
            ["size"] = plan.Limit,
            ["track_total_hits"] = true,
            ["_source"] = new JsonObject { ["excludes"] = new JsonArray("segments", "metadata") },
        };

        var query = new JsonObject { ["filter"] = Filters(plan.Filter) };
        if (plan.IsBrowse)
        {
            body["query"] = new JsonObject { ["bool"] = query };
            body["sort"] = BrowseSort();
        }
        else
        {
            query["should"] = new JsonArray(SegmentsQuery(plan.Query), AssetQuery(plan.Query));
            query["minimum_should_match"] = 1;
            body["query"] = new JsonObject { ["bool"] = query };
            body["highlight"] = Highlight(new JsonObject
            {
                ["clipName.text"] = WholeField(),
                ["card.text"] = WholeField(),
                ["metadata"] = WholeField(),
            });
        }

        body["aggs"] = Aggregations();
        return body;
    }

    private static JsonArray Filters(SearchFilter filter)
    {
        var filters = new JsonArray();
        void Term(string field, JsonNode? value)
        {
            if (value is not null)
            {
                filters.Add(new JsonObject { ["term"] = new JsonObject { [field] = value } });
            }
        }

        Term("project", filter.Project);
        Term("card", filter.Card);
        Term("camera", filter.Camera);
        Term("codec", filter.Codec);
        Term("resolution", filter.Resolution);
        foreach (var tag in filter.Tags)
        {
            Term("tags", tag);
        }

        Term("hasFaces", filter.HasFaces);
        Term("qcStatus", filter.QcStatus);
        if (filter.RecordedFrom is not null || filter.RecordedBefore is not null)
        {
            var range = new JsonObject();
            if (ElasticsearchDocument.Instant(filter.RecordedFrom) is { } from)
            {
                range["gte"] = from;
            }

            if (ElasticsearchDocument.Instant(filter.RecordedBefore) is { } before)
            {
                range["lt"] = before;
            }

            filters.Add(new JsonObject { ["range"] = new JsonObject { ["recordedAt"] = range } });
        }

        return filters;
    }

    /// <summary>Newest recording first (undated last), then project, card, clip name: the FTS5 order.</summary>
    private static JsonArray BrowseSort() => new(
        new JsonObject { ["recordedAt"] = new JsonObject { ["order"] = "desc", ["missing"] = "_last" } },
        new JsonObject { ["project"] = "asc" },
        new JsonObject { ["card"] = "asc" },
        new JsonObject { ["clipName"] = "asc" },
        new JsonObject { ["assetId"] = "asc" });

    private static JsonObject SegmentsQuery(UserQuery query)
    {
        var expression = Expression(query, SegmentTerm);
        var words = query.Included.SelectMany(c => c.Alternatives).Select(t => t.Text).ToList();
        if (words.Sum(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) >= 2)
        {
            expression["should"] = new JsonArray(new JsonObject
            {
                ["match"] = new JsonObject { ["segments.text.shingles"] = new JsonObject { ["query"] = string.Join(' ', words) } },
            });
        }

        return new JsonObject
        {
            ["nested"] = new JsonObject
            {
                ["path"] = "segments",
                ["score_mode"] = "max",
                ["query"] = new JsonObject { ["bool"] = expression },
                ["inner_hits"] = new JsonObject
                {
                    ["name"] = SegmentsQueryName,
                    ["size"] = SearchLimits.MaxHitsPerClip,
                    ["highlight"] = Highlight(new JsonObject
                    {
                        ["segments.text"] = WholeField(),
                        ["segments.text.plain"] = WholeField(),
                    }),
                },
                ["_name"] = SegmentsQueryName,
            },
        };
    }

    private static JsonObject AssetQuery(UserQuery query)
    {
        var expression = Expression(query, AssetTerm);
        expression["_name"] = AssetQueryName;
        return new JsonObject { ["bool"] = expression };
    }

    private static JsonObject Expression(UserQuery query, Func<QueryTerm, JsonObject> render)
    {
        var expression = new JsonObject
        {
            ["must"] = new JsonArray(query.Included.Select(c => (JsonNode?)Clause(c, render)).ToArray()),
        };
        if (query.Excluded.Count > 0)
        {
            expression["must_not"] = new JsonArray(query.Excluded.Select(t => (JsonNode?)render(t)).ToArray());
        }

        return expression;
    }

    private static JsonObject Clause(QueryClause clause, Func<QueryTerm, JsonObject> render) =>
        clause.Alternatives.Count == 1
            ? render(clause.Alternatives[0])
            : new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["should"] = new JsonArray(clause.Alternatives.Select(t => (JsonNode?)render(t)).ToArray()),
                    ["minimum_should_match"] = 1,
                },
            };

    /// <summary>A word or phrase is a phrase query (a word with punctuation, like A001_C007, is several
    /// tokens that must stay together, as in FTS5). A prefix runs on the unstemmed field.</summary>
    private static JsonObject SegmentTerm(QueryTerm term)
    {
        if (!term.Prefix)
        {
            return new JsonObject { ["match_phrase"] = new JsonObject { ["segments.text"] = new JsonObject { ["query"] = term.Text } } };
        }

        // A prefix query is not analysed: it reaches every word starting with it only if the text is
        // already what the analyser indexes, which for plain ASCII letters and digits is the lower case.
        // Anything else (accents, several words, punctuation) goes through the analyser instead, which
        // folds it but expands the last word to at most 50 terms (max_expansions).
        if (term.IsWord && term.Text.All(char.IsAsciiLetterOrDigit))
        {
            return new JsonObject
            {
                ["prefix"] = new JsonObject { ["segments.text.plain"] = new JsonObject { ["value"] = term.Text.ToLowerInvariant() } },
            };
        }

        return new JsonObject { ["match_phrase_prefix"] = new JsonObject { ["segments.text.plain"] = new JsonObject { ["query"] = term.Text } } };
    }

    private static JsonObject AssetTerm(QueryTerm term) => new()
    {
        ["multi_match"] = new JsonObject
        {
            ["query"] = term.Text,
            ["type"] = term.Prefix ? "phrase_prefix" : "phrase",
            ["fields"] = new JsonArray(AssetFields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        },
    };

    private static JsonObject Highlight(JsonObject fields) => new()
    {
        ["pre_tags"] = new JsonArray(MatchStart),
        ["post_tags"] = new JsonArray(MatchEnd),
        ["fields"] = fields,
    };

    /// <summary>The whole field comes back marked; <see cref="SnippetWindow"/> cuts it to the words
    /// around the first match, as FTS5's snippet() does, so both engines show the same kind of line.</summary>
    private static JsonObject WholeField() => new() { ["number_of_fragments"] = 0 };

    private static JsonObject Aggregations()
    {
        var aggs = new JsonObject();
        foreach (var (facet, field) in FacetFields)
        {
            aggs[facet] = new JsonObject { ["terms"] = new JsonObject { ["field"] = field, ["size"] = SearchLimits.FacetSize } };
        }

        return aggs;
    }
}
