using System.Globalization;
using System.Text;

namespace Mam.Media.Speech.Exports;

/// <summary>SubRip captions (.srt): numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", the text, a blank
/// line. Premiere Pro, Resolve and Media Composer import it as a caption track. Times are from the
/// clip's first frame, which is where an NLE puts a caption file's zero.</summary>
public static class SrtWriter
{
    public static string Write(IEnumerable<TranscriptSegmentData> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var srt = new StringBuilder();
        var number = 0;
        foreach (var segment in segments.OrderBy(s => s.Start))
        {
            // A blank line ends a cue and "-->" would be read as timing: keep both out of the text.
            var text = PhraseMarker.OneLine(segment.Text).Replace("-->", "->", StringComparison.Ordinal);
            if (text.Length == 0)
            {
                continue;
            }
            // CRLF, as SubRip wrote it; every importer also takes LF, not every one the reverse.
            srt.Append((++number).ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append(Time(segment.Start)).Append(" --> ").Append(Time(Math.Max(segment.End, segment.Start + 0.001))).Append("\r\n")
                .Append(text).Append("\r\n\r\n");
        }
        return srt.ToString();
    }

    /// <summary>HH:MM:SS,mmm (a comma before the milliseconds, unlike WebVTT).</summary>
    public static string Time(double seconds)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture,
            $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00},{ms % 1000:000}");
    }
}
