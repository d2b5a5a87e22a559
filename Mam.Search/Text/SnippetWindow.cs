using System.Text;

namespace Mam.Search.Text;

/// <summary>Cuts a fully highlighted text down to the words around its first match, with "…" where
/// words were left out: what FTS5's snippet() does, for engines that return the whole field.</summary>
internal static class SnippetWindow
{
    public const int Words = 12;

    /// <summary>Words kept before the first match, so the line reads as context, not a fragment.</summary>
    private const int Lead = 4;

    public static string Around(string marked)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var first = marked.IndexOf(SnippetMarkup.MatchStart, StringComparison.Ordinal);
        return Around(marked, first < 0 ? 0 : first);
    }

    /// <summary>The words around the one at <paramref name="focus"/> (a position in
    /// <paramref name="marked"/>): one hit of several in a long line shows its own words.</summary>
    public static string Around(string marked, int focus)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var parts = new List<string>();
        var first = -1;
        var at = 0;
        while (at < marked.Length)
        {
            while (at < marked.Length && char.IsWhiteSpace(marked[at]))
            {
                at++;
            }

            var partStart = at;
            while (at < marked.Length && !char.IsWhiteSpace(marked[at]))
            {
                at++;
            }

            if (at > partStart)
            {
                if (first < 0 && focus < at)
                {
                    first = parts.Count;
                }

                parts.Add(marked[partStart..at]);
            }
        }

        const int words = Words;
        if (parts.Count <= words)
        {
            return string.Join(' ', parts);
        }

        var start = Math.Clamp((first < 0 ? 0 : first) - Lead, 0, parts.Count - words);
        var end = start + words;

        // A marked phrase may straddle the cut: reopen or close it so the markers stay balanced.
        var open = false;
        for (var i = 0; i < start; i++)
        {
            open = OpenAfter(parts[i], open);
        }

        var snippet = new StringBuilder();
        if (start > 0)
        {
            snippet.Append('…');
        }

        if (open)
        {
            snippet.Append(SnippetMarkup.MatchStart);
        }

        for (var i = start; i < end; i++)
        {
            snippet.Append(parts[i]);
            open = OpenAfter(parts[i], open);
            if (i < end - 1)
            {
                snippet.Append(' ');
            }
        }

        if (open)
        {
            snippet.Append(SnippetMarkup.MatchEnd);
        }

        if (end < parts.Count)
        {
            snippet.Append('…');
        }

        return snippet.ToString();
    }

    private static bool OpenAfter(string word, bool open)
    {
        foreach (var c in word)
        {
            if (c == SnippetMarkup.MatchStart)
            {
                open = true;
            }
            else if (c == SnippetMarkup.MatchEnd)
            {
                open = false;
            }
        }

        return open;
    }
}
