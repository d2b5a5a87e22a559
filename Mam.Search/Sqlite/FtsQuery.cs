using System.Globalization;
using System.Text;

namespace Mam.Search.Sqlite;

/// <summary>Turns what a user typed into a search box into an FTS5 MATCH expression that cannot carry
/// FTS5 syntax (https://www.sqlite.org/fts5.html#full_text_query_syntax): every term becomes an FTS5
/// string, so column filters, NEAR, ^, +, parentheses and stray quotes are plain text for the tokenizer,
/// which drops the punctuation. Only the operators built here reach FTS5.</summary>
/// <remarks>Understood: words (implicit AND), "quoted phrases", a trailing * for prefixes (harb*),
/// OR between two terms, and -term / NOT term to exclude. OR binds tighter than the implicit AND, as in
/// web search boxes: <c>harbour boat OR ship</c> means harbour AND (boat OR ship).</remarks>
public static class FtsQuery
{
    public const int MaxQueryLength = 1000;

    public const string NoTermsMessage = "Type at least one word to search for.";

    /// <exception cref="SearchQueryException">Too long, nothing searchable, or only exclusions.</exception>
    public static string ToMatchExpression(string? userQuery)
    {
        if (string.IsNullOrWhiteSpace(userQuery))
        {
            throw new SearchQueryException(NoTermsMessage);
        }

        if (userQuery.Length > MaxQueryLength)
        {
            throw new SearchQueryException(string.Create(
                CultureInfo.InvariantCulture,
                $"The search is too long ({userQuery.Length} characters); use at most {MaxQueryLength}."));
        }

        // FTS5 parses the expression as a C string: a NUL would cut it short mid-quote. Control
        // characters are never part of a word, so they become spaces like in indexed text.
        var clauses = Group(Scan(IndexedText.Clean(userQuery)));
        var included = clauses.Where(c => !c.Excluded).ToList();
        if (included.Count == 0)
        {
            throw new SearchQueryException(clauses.Count == 0
                ? NoTermsMessage
                : "Add at least one word to look for; a search cannot only exclude words.");
        }

        var expression = string.Join(" AND ", included.Select(RenderClause));
        var excluded = clauses.Where(c => c.Excluded).SelectMany(c => c.Alternatives).ToList();
        return excluded.Count == 0
            ? expression
            : $"({expression}) NOT ({string.Join(" OR ", excluded.Select(RenderTerm))})";
    }

    private static List<Clause> Group(IEnumerable<Token> tokens)
    {
        var clauses = new List<Clause>();
        var orPending = false;
        var notPending = false;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Or:
                    // A dangling OR (first, last, or next to an exclusion) degrades to the implicit AND.
                    orPending = clauses.Count > 0 && !clauses[^1].Excluded;
                    continue;
                case TokenKind.Not:
                    notPending = true;
                    continue;
            }

            var term = token.Term!;
            var excluded = token.Excluded || notPending;
            notPending = false;
            if (orPending && !excluded)
            {
                clauses[^1].Alternatives.Add(term);
            }
            else
            {
                clauses.Add(new Clause(excluded, [term]));
            }

            orPending = false;
        }

        return clauses;
    }

    private static IEnumerable<Token> Scan(string query)
    {
        var i = 0;
        while (i < query.Length)
        {
            if (char.IsWhiteSpace(query[i]))
            {
                i++;
                continue;
            }

            var excluded = query[i] == '-' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]);
            if (excluded)
            {
                i++;
            }

            if (query[i] == '"')
            {
                var close = query.IndexOf('"', i + 1);
                if (close < 0)
                {
                    // Unbalanced quote: ignore it and read what follows as ordinary words.
                    i++;
                    continue;
                }

                var phrase = MakeTerm(query[(i + 1)..close], excluded);
                i = close + 1;
                if (phrase is not null)
                {
                    yield return phrase;
                }

                continue;
            }

            var start = i;
            while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] != '"')
            {
                i++;
            }

            var word = query[start..i];
            if (!excluded && string.Equals(word, "OR", StringComparison.Ordinal))
            {
                yield return new Token(TokenKind.Or, null, false);
            }
            else if (!excluded && string.Equals(word, "NOT", StringComparison.Ordinal))
            {
                yield return new Token(TokenKind.Not, null, false);
            }
            else if (excluded || !string.Equals(word, "AND", StringComparison.Ordinal))
            {
                var term = MakeTerm(word, excluded);
                if (term is not null)
                {
                    yield return term;
                }
            }
        }
    }

    private static Token? MakeTerm(string text, bool excluded)
    {
        var trimmed = text.Trim();
        var prefix = trimmed.EndsWith('*');
        trimmed = trimmed.TrimEnd('*', ' ');
        return HasWordCharacters(trimmed)
            ? new Token(TokenKind.Term, new Term(trimmed, prefix), excluded)
            : null;
    }

    /// <summary>Mirrors the unicode61 tokenizer's default token characters (letters, numbers, private
    /// use). A term without any would become an empty FTS5 phrase, which makes a whole AND match nothing.</summary>
    private static bool HasWordCharacters(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                case UnicodeCategory.PrivateUse:
                    return true;
            }
        }

        return false;
    }

    private static string RenderClause(Clause clause) => clause.Alternatives.Count == 1
        ? RenderTerm(clause.Alternatives[0])
        : $"({string.Join(" OR ", clause.Alternatives.Select(RenderTerm))})";

    // An FTS5 string: "" is the only escape inside it. The * after the closing quote is FTS5's prefix
    // marker and applies to the phrase's last token.
    private static string RenderTerm(Term term) =>
        "\"" + term.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.Prefix ? "*" : string.Empty);

    private enum TokenKind
    {
        Term,
        Or,
        Not,
    }

    private sealed record Term(string Text, bool Prefix);

    private sealed record Token(TokenKind Kind, Term? Term, bool Excluded);

    private sealed record Clause(bool Excluded, List<Term> Alternatives);
}
