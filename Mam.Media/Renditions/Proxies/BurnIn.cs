using System.Globalization;
using Mam.Media.Speech.Audio;
using Mam.Media.Timecodes;

namespace Mam.Media.Renditions.Proxies;

/// <summary>The drawtext filters of a burn-in: the clip name top left, the running source timecode bottom
/// centre, white on a translucent box so both read over any picture. Sizes follow the proxy's height.
/// See https://ffmpeg.org/ffmpeg-filters.html#drawtext-1.</summary>
internal static class BurnIn
{
    private const string Look = "fontcolor=white:fontsize=h/24:box=1:boxcolor=black@0.6:boxborderw=6";

    public static IEnumerable<string> Filters(ProxyClip clip, string font)
    {
        // expansion=none: a clip name is printed as it is, never read as %{…} functions.
        yield return $"drawtext=fontfile={Escape(font)}:expansion=none:text={Escape(clip.Name)}:{Look}:x=h/40:y=h/40";
        if (StartLabel(clip) is { } start && clip.Rate is { } rate)
        {
            // drawtext counts the label up itself, frame by frame, and drops labels when it ends in ';'.
            yield return string.Create(CultureInfo.InvariantCulture,
                $"drawtext=fontfile={Escape(font)}:timecode={Escape(start)}:timecode_rate={rate.Numerator}/{rate.Denominator}:{Look}:x=(w-tw)/2:y=h-th-h/40");
        }
    }

    /// <summary>The first frame's label at the clip's rate; 00:00:00:00 (drop-frame at 29.97/59.94) when the
    /// clip has none or one that is not valid at its rate; null when there is no usable rate.</summary>
    public static string? StartLabel(ProxyClip clip)
    {
        if (clip.Rate is not { Numerator: > 0, Denominator: > 0 } rate || rate.Value is < 1 or > 120)
        {
            return null;
        }
        return Timecode.TryParse(clip.StartTimecode, rate, out var start)
            ? start.ToString()
            : Timecode.FromFrames(0, rate, Timecode.DropFrameIsUsual(rate)).ToString();
    }

    /// <summary>A clip name or path kept whole through both levels of ffmpeg's parsing (a ':' or ',' in it
    /// would otherwise split it into options or filters).</summary>
    private static string Escape(string value) => FilterGraph.EscapeValue(value);
}
