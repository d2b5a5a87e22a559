using System.Globalization;
using Mam.Catalog.Entities;
using Mam.Media.Speech.Exports;

namespace Mam.Api.Review;

/// <summary>A clip's frames as comments count them: from its first frame (0), on its own clock (rate,
/// start timecode, drop-frame), the same clock the marker exports use, so a comment on frame 112 is
/// 112 frames in everywhere.</summary>
public sealed class CommentClock
{
    private CommentClock(MarkerClock clock, long? frames, string clipName)
    {
        Markers = clock;
        Frames = frames;
        ClipName = clipName;
    }

    public MarkerClock Markers { get; }

    /// <summary>How many frames the clip has; null before it is probed (then nothing is checked against its end).</summary>
    public long? Frames { get; }

    public string ClipName { get; }

    public string Rate => string.Create(CultureInfo.InvariantCulture, $"{Markers.Rate.Numerator}/{Markers.Rate.Denominator}");

    public static CommentClock For(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var technical = asset.Technical;
        var clock = MarkerClock.For(technical?.FrameRateNumerator, technical?.FrameRateDenominator, technical?.StartTimecode);
        long? frames = technical?.DurationSeconds is { } seconds && seconds > 0 && !clock.IsFallback
            ? Math.Max(1, (long)Math.Floor((seconds * clock.Rate.Numerator / clock.Rate.Denominator) + 1e-6))
            : null;
        return new CommentClock(clock, frames, asset.ClipName);
    }

    public string Label(long frame) => Markers.Label(frame);

    public double Seconds(long frame) => (double)frame * Markers.Rate.Denominator / Markers.Rate.Numerator;

    /// <summary>"250 frames (0–249, 10:00:00:00–10:00:09:24)", for messages.</summary>
    public string Extent => Frames is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"{n} frames (0–{n - 1}, {Label(0)}–{Label(n - 1)})")
        : "an unknown length";
}
