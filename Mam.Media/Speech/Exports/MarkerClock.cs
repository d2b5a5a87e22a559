using Mam.Media.Probing;
using Mam.Media.Timecodes;

namespace Mam.Media.Speech.Exports;

/// <summary>Frames and SMPTE labels on a clip's own clock: seconds from its first frame counted from its
/// start timecode, drop-frame where the clip uses it. NLEs place markers by these labels.</summary>
public sealed class MarkerClock
{
    /// <summary>Audio-only clips have no frame rate; markers still need one. 25 fps non-drop from
    /// 00:00:00:00 is what a PAL audio post house would assume; the export says so in its title.</summary>
    public static readonly FrameRate FallbackRate = new(25, 1);

    private readonly long _startFrame;

    private MarkerClock(FrameRate rate, Timecode start, bool fallback)
    {
        Rate = rate;
        Start = start;
        IsFallback = fallback;
        _startFrame = start.ToFrames(rate);
    }

    public FrameRate Rate { get; }

    public Timecode Start { get; }

    public bool DropFrame => Start.DropFrame;

    /// <summary>True when the clip had no frame rate and <see cref="FallbackRate"/> is used.</summary>
    public bool IsFallback { get; }

    /// <summary>The clip's clock; an unreadable start timecode counts from 00:00:00:00 (drop-frame at 29.97/59.94).</summary>
    public static MarkerClock For(int? frameRateNumerator, int? frameRateDenominator, string? startTimecode)
    {
        var known = frameRateNumerator is > 0 && frameRateDenominator is > 0;
        var rate = known ? new FrameRate(frameRateNumerator!.Value, frameRateDenominator!.Value) : FallbackRate;
        var start = known && Timecode.TryParse(startTimecode, rate, out var parsed)
            ? parsed
            : new Timecode(0, 0, 0, 0, Timecode.DropFrameIsUsual(rate));
        return new MarkerClock(rate, start, !known);
    }

    /// <summary>The same rate and drop-frame mode, counted from another start (an EDL's record side).</summary>
    public MarkerClock StartingAt(Timecode start) => new(Rate, start with { DropFrame = DropFrame }, IsFallback);

    /// <summary>The frame shown at <paramref name="seconds"/> into the clip.</summary>
    public long FrameAt(double seconds) =>
        (long)Math.Floor((Math.Max(0, seconds) * Rate.Numerator / Rate.Denominator) + 1e-6);

    /// <summary>The first frame after <paramref name="seconds"/> has passed (an exclusive out point).</summary>
    public long FrameAfter(double seconds) =>
        (long)Math.Ceiling((Math.Max(0, seconds) * Rate.Numerator / Rate.Denominator) - 1e-6);

    /// <summary>
    /// The frames a span from <paramref name="start"/> to <paramref name="end"/> seconds covers: from the
    /// frame shown at its start to the first frame after it (exclusive), at least one frame. The one rule
    /// for every out point: shown as <c>Out - 1</c>, the span's last frame, inclusive, as NLEs show out
    /// points (transcript, tags, search hits, CSV markers); CMX 3600 EDL events write <c>Out</c> itself,
    /// because that format's out is exclusive (an NLE reading the EDL shows the same last frame).
    /// </summary>
    public (long In, long Out) Span(double start, double end)
    {
        var first = FrameAt(start);
        return (first, Math.Max(first + 1, FrameAfter(end)));
    }

    /// <summary>The last frame of a span (inclusive): its out point as an editor reads it. See <see cref="Span"/>.</summary>
    public long LastFrame(double start, double end) => Span(start, end).Out - 1;

    /// <summary>The label of the frame <paramref name="frames"/> after the clip's first one.</summary>
    public string Label(long frames) => Timecode.FromFrames(_startFrame + frames, Rate, DropFrame).ToString();

    /// <summary>The frame a label names, counted from the clip's first frame (negative before it). False
    /// when the text is not a timecode at this rate.</summary>
    public bool TryFrameOf(string? label, out long frame)
    {
        frame = 0;
        if (!Timecode.TryParse(label?.Trim(), Rate, out var timecode))
        {
            return false;
        }
        frame = timecode.ToFrames(Rate) - _startFrame;
        return true;
    }

    /// <summary>The clip's first frame as a count from 00:00:00:00 (where interchange formats that count
    /// in source time put it).</summary>
    public long StartFrame => _startFrame;

    /// <summary>A length in frames written as HH:MM:SS:FF (durations never drop labels).</summary>
    public string Duration(long frames) => Timecode.FromFrames(frames, Rate, dropFrame: false).ToString();
}
