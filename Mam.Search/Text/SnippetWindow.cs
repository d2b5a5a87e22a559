using System.Text;

namespace Mam.Search.Text;

/// <summary>Cuts a fully highlighted text down to the words around its first match, with "…" where
/// words were left out: what FTS5's snippet() does, for engines that return the whole field.</summary>
internal static class SnippetWindow
{
    public const int Words = 12;

    /// <summary>Words kept before the first match, so the line reads as context, not a fragment.</summary>
    private const int Lead = 4;

    public static string Around(string marked, int words = Words)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var parts = marked.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length <= words)
        {
            return string.Join(' ', parts);
        }

        var first = Array.FindIndex(parts, p => p.Contains(SnippetMarkup.MatchStart, StringComparison.Ordinal));
        var start = Math.Clamp((first < 0 ? 0 : first) - Lead, 0, parts.Length - words);
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

        if (end < parts.Length)
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
