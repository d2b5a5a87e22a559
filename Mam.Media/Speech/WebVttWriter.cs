using System.Globalization;
using System.Text;

namespace Mam.Media.Speech;

/// <summary>Writes transcript segments as WebVTT captions (https://www.w3.org/TR/webvtt1/), the format
/// the browser's &lt;track&gt; element plays under the proxy.</summary>
public static class WebVttWriter
{
    public static string Write(IEnumerable<TranscriptSegmentData> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var text = new StringBuilder("WEBVTT\n");
        foreach (var segment in segments.OrderBy(s => s.Start))
        {
            // A cue's text ends at the first blank line and "-->" would be read as timing: keep both out.
            var cueText = segment.Text.Replace("-->", "->", StringComparison.Ordinal)
                .Replace('\r', ' ').Replace('\n', ' ').Trim();
            if (cueText.Length == 0)
            {
                continue;
            }

            text.Append('\n')
                .Append(Time(segment.Start)).Append(" --> ").Append(Time(Math.Max(segment.End, segment.Start))).Append('\n')
                .Append(Escape(cueText)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>HH:MM:SS.mmm; hours always written so cues past the hour read the same way.</summary>
    public static string Time(double seconds)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture,
            $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
