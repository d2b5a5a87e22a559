namespace Mam.Media.Speech.Exports;

/// <summary>Colours every NLE has under some name: Resolve's "ResolveColorGreen", Avid's "green".</summary>
public enum MarkerColor
{
    Green,
    Yellow,
    Red,
    Blue,
}

/// <summary>One spoken phrase as an NLE marker: frames from the clip's first frame, out exclusive
/// (see <see cref="MarkerClock.Span"/> for how out points are shown).</summary>
public sealed record PhraseMarker(int Number, long In, long Out, string Text, double? Confidence, MarkerColor Color)
{
    /// <summary>Who wrote it, where the format has a place for that (a reviewer's comment); null for
    /// markers the MAM made.</summary>
    public string? Author { get; init; }

    /// <summary>At least one frame long, as NLEs require.</summary>
    public long Frames => Out - In;

    /// <summary>The phrase's last frame: its out point as NLEs show it (inclusive).</summary>
    public long LastFrame => Out - 1;

    /// <summary>Markers for each phrase, coloured by confidence so an editor sees at a glance which lines
    /// to check by ear: green from 0.8, yellow from 0.5, red below, blue when the engine gave no score.</summary>
    public static IReadOnlyList<PhraseMarker> From(IEnumerable<TranscriptSegmentData> segments, MarkerClock clock)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(clock);
        return segments
            .Where(s => !string.IsNullOrWhiteSpace(s.Text))
            .OrderBy(s => s.Start)
            .Select((s, i) =>
            {
                var (start, end) = clock.Span(s.Start, s.End);
                return new PhraseMarker(i + 1, start, end, OneLine(s.Text), s.Confidence, ColorFor(s.Confidence));
            })
            .ToList();
    }

    public static MarkerColor ColorFor(double? confidence) => confidence switch
    {
        null => MarkerColor.Blue,
        >= 0.8 => MarkerColor.Green,
        >= 0.5 => MarkerColor.Yellow,
        _ => MarkerColor.Red,
    };

    /// <summary>Marker fields are single lines in every format; tabs and line breaks become spaces.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return string.Join(' ', flat.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A marker name short enough for an NLE's marker column; the whole phrase goes in the comment.</summary>
    public string ShortName(int maxLength = 48)
    {
        if (Text.Length <= maxLength)
        {
            return Text;
        }
        var cut = Text.LastIndexOf(' ', maxLength - 1);
        return string.Concat(Text.AsSpan(0, cut > maxLength / 2 ? cut : maxLength - 1), "…");
    }
}
