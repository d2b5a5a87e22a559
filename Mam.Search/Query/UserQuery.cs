using System.Globalization;
using Mam.Search.Text;
using Mam.Search.Words;

namespace Mam.Search;

/// <summary>What a user typed into a search box, parsed once for every engine. Each engine renders
/// the terms as literal text in its own syntax (FTS5 strings, Elasticsearch match queries), so the
/// operators of those syntaxes (column filters, NEAR, ^, +, field:value, parentheses, stray quotes)
/// can never reach the engine as operators.</summary>
/// <remarks>Understood: words (implicit AND), "quoted phrases", a trailing * for prefixes (harb*, at least
/// three letters),
/// OR between two terms, and -term / NOT term to exclude. OR binds tighter than the implicit AND, as in
/// web search boxes: <c>harbour boat OR ship</c> means harbour AND (boat OR ship).</remarks>
public sealed class UserQuery
{
    /// <summary>Longer text is refused: nobody types more into a search box, and a pasted 10 KB query
    /// would only make the engine work hard for nothing.</summary>
    public const int MaxLength = 1000;

    public const string NoTermsMessage = "Type at least one word to search for.";

    /// <summary>A shorter prefix ("ba*") stands for thousands of words: refused rather than run slowly
    /// and answered with most of the archive. After other words in a phrase, one letter less.</summary>
    public const int MinPrefixLength = 3;

    private UserQuery(IReadOnlyList<QueryClause> included, IReadOnlyList<QueryTerm> excluded)
    {
        Included = included;
        Excluded = excluded;
    }

    /// <summary>Every clause must match; a clause matches when any of its alternatives does.</summary>
    public IReadOnlyList<QueryClause> Included { get; }

    /// <summary>None of these may match.</summary>
    public IReadOnlyList<QueryTerm> Excluded { get; }

    /// <summary>Nothing searchable was typed (blank, or only punctuation): a browse when filters are set.</summary>
    public bool IsEmpty => Included.Count == 0;

    /// <summary>Some term ends in *: engines then match every word of the search as typed (unstemmed),
    /// the way a prefix has to be matched (docs/search.md).</summary>
    public bool HasPrefix => Included.Any(c => c.Alternatives.Any(t => t.Prefix)) || Excluded.Any(t => t.Prefix);

    /// <summary>One clause (a word, a phrase, or alternatives): each place it occurs in a segment is a
    /// hit of its own. With several clauses a hit runs from the first matching word to the last.</summary>
    public bool IsSingleClause => Included.Count == 1;

    /// <exception cref="SearchQueryException">Too long, or only exclusions.</exception>
    public static UserQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new UserQuery([], []);
        }

        if (text.Length > MaxLength)
        {
            throw new SearchQueryException(string.Create(
                CultureInfo.InvariantCulture,
                $"The search is too long ({text.Length} characters); use at most {MaxLength}."));
        }

        // Engines parse their query text as C strings (FTS5) or compare it with cleaned indexed text:
        // control characters are never part of a word, so they become spaces like in indexed text.
        var clauses = Group(Scan(IndexedText.Clean(text)));
        var included = clauses.Where(c => !c.Excluded).Select(c => new QueryClause(c.Alternatives)).ToList();
        var excluded = clauses.Where(c => c.Excluded).SelectMany(c => c.Alternatives).ToList();
        if (included.Count == 0 && excluded.Count > 0)
        {
            throw new SearchQueryException("Add at least one word to look for; a search cannot only exclude words.");
        }

        foreach (var term in included.SelectMany(c => c.Alternatives).Concat(excluded).Where(t => t.Prefix))
        {
            // After other words ("the boat ca*", A001_C0*) the phrase itself narrows what the prefix can match.
            var words = WordSpans.Of(term.Text);
            if (words[^1].End - words[^1].Start < (words.Count > 1 ? MinPrefixLength - 1 : MinPrefixLength))
            {
                throw new SearchQueryException(string.Create(CultureInfo.InvariantCulture,
                    $"'{term.Text}*' is too short a start of a word: type at least {MinPrefixLength} letters before the * ({MinPrefixLength - 1} after other words)."));
            }
        }

        return new UserQuery(included, excluded);
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
            ? new Token(TokenKind.Term, new QueryTerm(trimmed, prefix), excluded)
            : null;
    }

    /// <summary>A term without any word character would become an empty phrase, which makes a whole
    /// AND match nothing.</summary>
    private static bool HasWordCharacters(string text) => WordSpans.Of(text).Count > 0;

    private enum TokenKind
    {
        Term,
        Or,
        Not,
    }

    private sealed record Token(TokenKind Kind, QueryTerm? Term, bool Excluded);

    private sealed record Clause(bool Excluded, List<QueryTerm> Alternatives);
}

/// <summary>A word or a quoted phrase, matched as consecutive words; <see cref="Prefix"/>: the last
/// word may be the start of a longer word (harb* finds harbour).</summary>
public sealed record QueryTerm(string Text, bool Prefix)
{
    /// <summary>A single word (no spaces inside).</summary>
    public bool IsWord => !Text.Any(char.IsWhiteSpace);
}

public sealed record QueryClause(IReadOnlyList<QueryTerm> Alternatives);
