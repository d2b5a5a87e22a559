using System.Globalization;
using System.Text;

namespace Mam.Media.Speech.Exports;

/// <summary>The tab-separated marker text Avid Media Composer's Markers window exports and imports
/// (Import Markers): user, timecode, track, colour, comment, duration in frames — one marker per line,
/// no header. The user is the marker's author, or MAM for markers the MAM made. Timecodes are the clip's own, so the markers land on the master clip.</summary>
public static class AvidMarkerWriter
{
    public const string User = "MAM";

    public static string Write(IEnumerable<PhraseMarker> markers, MarkerClock clock)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(clock);
        var text = new StringBuilder();
        foreach (var marker in markers)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{(marker.Author is { Length: > 0 } author ? PhraseMarker.OneLine(author) : User)}\t{clock.Label(marker.In)}\tV1\t{marker.Color.ToString().ToLowerInvariant()}\t{marker.Text}\t{marker.Frames}\n");
        }
        return text.ToString();
    }
}
