using System.Text;

namespace Mam.Search.Text;

/// <summary>Makes an engine's highlighted text (FTS5 snippet(), Elasticsearch highlight) HTML-safe: the
/// text is HTML-encoded and only the match markers become markup. Both engines are asked to mark matches
/// with these control characters, and indexed text never contains them (see <see cref="IndexedText"/>),
/// so every marker in a snippet came from the engine itself.</summary>
internal static class SnippetMarkup
{
    public const char MatchStart = '\u0002';
    public const char MatchEnd = '\u0003';

    /// <summary>Encoding and marker replacement happen in one pass, which is equivalent to
    /// encode-then-replace because the markers are not characters HTML-encoding touches.</summary>
    public static string ToHtml(string snippet)
    {
        var html = new StringBuilder(snippet.Length + 32);
        foreach (var c in snippet)
        {
            switch (c)
            {
                case MatchStart: html.Append("<mark>"); break;
                case MatchEnd: html.Append("</mark>"); break;
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }

        return html.ToString();
    }
}
