using System.Globalization;
using System.Text;
using Mam.Media.Timecodes;

namespace Mam.Media.Speech.Exports;

/// <summary>A CMX 3600 EDL with one event per phrase, each carrying a DaVinci Resolve marker line
/// (<c>|C:ResolveColorGreen |M:name |D:frames</c>, the form Resolve writes with Timelines > Export >
/// Timeline Markers to EDL and reads back with Import > Timeline Markers from EDL). Source timecodes
/// are the clip's own; record timecodes start at the clip's start timecode unless another record start
/// is given (a timeline at 01:00:00:00). Drop-frame clips get "FCM: DROP FRAME" and ';' labels.
/// An event's out timecodes are exclusive, as CMX 3600 defines them (out = in + duration): one frame
/// after the last frame the transcript and the CSV show, which is the frame an NLE shows as the out.</summary>
public static class EdlMarkerWriter
{
    /// <summary>CMX 3600 allows 8 characters of reel; "AX" is the usual name for a file-based source.</summary>
    private const string Reel = "AX";

    public static string Write(string title, IEnumerable<PhraseMarker> markers, MarkerClock clock, Timecode? recordStart = null)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(clock);
        var record = recordStart is { } start ? clock.StartingAt(start) : clock;
        var edl = new StringBuilder()
            .Append("TITLE: ").Append(Ascii(title, 60)).Append('\n')
            .Append(clock.DropFrame ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME").Append('\n');
        foreach (var marker in markers)
        {
            if (marker.Number > 999)
            {
                break; // CMX 3600 numbers events with three digits
            }
            edl.Append('\n')
                .Append(CultureInfo.InvariantCulture, $"{marker.Number:000}  {Reel,-8} V     C        ")
                .Append(clock.Label(marker.In)).Append(' ').Append(clock.Label(marker.Out)).Append(' ')
                .Append(record.Label(marker.In)).Append(' ').Append(record.Label(marker.Out)).Append('\n')
                // Resolve reads text before the first '|' as the marker's note; the line starts with the
                // tags so nothing else lands there, and '|' in the phrase would end the name early.
                .Append(CultureInfo.InvariantCulture,
                    $" |C:ResolveColor{marker.Color} |M:{marker.Text.Replace('|', '/')} |D:{marker.Frames}").Append('\n');
        }
        return edl.ToString();
    }

    /// <summary>The title line is ASCII in CMX 3600; anything else becomes '_'.</summary>
    private static string Ascii(string text, int maxLength)
    {
        var ascii = new string(PhraseMarker.OneLine(text ?? "").Select(c => c is >= ' ' and <= '~' ? c : '_').ToArray());
        return ascii.Length > maxLength ? ascii[..maxLength] : ascii;
    }
}
