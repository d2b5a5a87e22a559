using System.Text;

namespace Mam.Media.Speech.Audio;

/// <summary>Escaping for values written inside an ffmpeg <c>-filter_complex</c> description: once for
/// the filter's option parser, once for the graph parser
/// (https://ffmpeg.org/ffmpeg-filters.html#Notes-on-filtergraph-escaping). Without it a temp path with a
/// ':' or ',' would split into options or filters.</summary>
public static class FilterGraph
{
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Escape(Escape(value, "\\':"), "\\'[],;");
    }

    private static string Escape(string text, string special)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
