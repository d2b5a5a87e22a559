namespace Mam.Search.Sqlite;

/// <summary>Renders a <see cref="UserQuery"/> as an FTS5 MATCH expression
/// (https://www.sqlite.org/fts5.html#full_text_query_syntax): every term becomes an FTS5 string, so
/// FTS5 syntax typed by the user is plain text for the tokenizer, which drops the punctuation. Only
/// the operators built here reach FTS5.</summary>
public static class FtsQuery
{
    public const int MaxQueryLength = UserQuery.MaxLength;

    public const string NoTermsMessage = UserQuery.NoTermsMessage;

    /// <summary>The segments' full-text table the query runs on: words as typed when it has a prefix
    /// (the stemmer would stem the prefix too: "viney*" would look for "vinei…"), stemmed otherwise.</summary>
    public static string SegmentTable(UserQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.HasPrefix ? "segment_words" : "segment_docs";
    }

    /// <exception cref="SearchQueryException">Too long, nothing searchable, or only exclusions.</exception>
    public static string ToMatchExpression(string? userQuery) => ToMatchExpression(UserQuery.Parse(userQuery));

    /// <exception cref="SearchQueryException">The query has nothing searchable.</exception>
    public static string ToMatchExpression(UserQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty)
        {
            throw new SearchQueryException(NoTermsMessage);
        }

        var expression = string.Join(" AND ", query.Included.Select(RenderClause));
        return query.Excluded.Count == 0
            ? expression
            : $"({expression}) NOT ({string.Join(" OR ", query.Excluded.Select(RenderTerm))})";
    }

    private static string RenderClause(QueryClause clause) => clause.Alternatives.Count == 1
        ? RenderTerm(clause.Alternatives[0])
        : $"({string.Join(" OR ", clause.Alternatives.Select(RenderTerm))})";

    // An FTS5 string: "" is the only escape inside it. The * after the closing quote is FTS5's prefix
    // marker and applies to the phrase's last token.
    private static string RenderTerm(QueryTerm term) =>
        "\"" + term.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.Prefix ? "*" : string.Empty);
}
