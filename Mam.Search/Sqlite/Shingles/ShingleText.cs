using System.Text;

namespace Mam.Search.Sqlite.Shingles;

/// <summary>The word-pair index (<c>segment_shingles</c>, layout 4): each segment's stemmed tokens
/// (<see cref="StemReader"/>) as single words, adjacent pairs and adjacent triples, each one token
/// joined by <c>_</c> (<c>boat</c>, <c>boat_came</c>, <c>boat_came_home</c>). The table keeps rowids
/// only (<c>detail=none</c>), so a two- or three-word phrase is one term's list of rows instead of
/// FTS5 walking the position lists of every word of the phrase, which was most of a phrase search's
/// time. <c>_</c> is never inside a token (unicode61 splits on it), so a joined token cannot be
/// confused with a word.</summary>
internal static class ShingleText
{
    /// <summary>Phrases up to this many tokens are one term of the shingle table.</summary>
    public const int MaxWords = 3;

    public const char Joiner = '_';

    /// <summary>The text indexed for one segment: every token, pair and triple, space-separated.</summary>
    public static string Of(string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = new StringBuilder();
        for (var length = 1; length <= MaxWords; length++)
        {
            for (var start = 0; start + length <= tokens.Length; start++)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                Join(text, tokens, start, length);
            }
        }

        return text.ToString();
    }

    /// <summary>The one shingle that stands for a phrase of 1–<see cref="MaxWords"/> tokens.</summary>
    public static string Term(string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Join(new StringBuilder(), tokens, 0, tokens.Length).ToString();
    }

    private static StringBuilder Join(StringBuilder text, string[] tokens, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (i > start)
            {
                text.Append(Joiner);
            }

            text.Append(tokens[i]);
        }

        return text;
    }
}
