namespace Mam.Search.Sqlite.Shingles;

/// <summary>Renders a search as a MATCH over <c>segment_shingles</c> when that finds exactly the
/// segments the same search finds in <c>segment_docs</c>: every term (a word or a phrase) made of
/// 1–3 tokens is the one shingle of those tokens, and a segment holds that shingle exactly when the
/// tokens stand in it in that order (both tables take them from the same tokenizer). The same AND, OR
/// and NOT as <see cref="FtsQuery"/>. Anything else (a prefix, a phrase of four or more words, a term
/// of nothing but punctuation) answers null, and the search runs on the full-text tables as before.</summary>
internal static class ShingleQuery
{
    public static string? TryRender(UserQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty || query.HasPrefix)
        {
            return null;
        }

        var terms = query.Included.SelectMany(c => c.Alternatives).Concat(query.Excluded).ToList();
        var tokens = StemReader.Tokens(terms.Select(t => t.Text).ToList());
        if (tokens.Any(t => t.Length is 0 or > ShingleText.MaxWords))
        {
            return null;
        }

        var shingles = new Dictionary<QueryTerm, string>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < terms.Count; i++)
        {
            shingles[terms[i]] = "\"" + ShingleText.Term(tokens[i]).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        var expression = string.Join(" AND ", query.Included.Select(c => c.Alternatives.Count == 1
            ? shingles[c.Alternatives[0]]
            : $"({string.Join(" OR ", c.Alternatives.Select(t => shingles[t]))})"));
        return query.Excluded.Count == 0
            ? expression
            : $"({expression}) NOT ({string.Join(" OR ", query.Excluded.Select(t => shingles[t]))})";
    }
}
