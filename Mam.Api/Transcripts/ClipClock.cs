using Mam.Catalog.Entities;
using Mam.Media.Speech.Exports;

namespace Mam.Api.Transcripts;

/// <summary>Turns seconds from a clip's first frame into the SMPTE timecode an editor sees in the
/// NLE, counting from the clip's start timecode (drop-frame where the clip uses it). Frames are counted
/// as the exports count them (<see cref="MarkerClock"/>), so the API and the files agree to the frame.</summary>
public readonly struct ClipClock
{
    private readonly MarkerClock? _clock;

    private ClipClock(MarkerClock? clock)
    {
        _clock = clock;
    }

    public static ClipClock For(TechnicalMetadata? technical) =>
        technical is { FrameRateNumerator: { } n, FrameRateDenominator: { } d } && n > 0 && d > 0
            ? new ClipClock(MarkerClock.For(n, d, technical.StartTimecode))
            : new ClipClock(null);

    /// <summary>The frame shown at <paramref name="seconds"/> (an in point, a position). Null when the
    /// clip has no frame rate (audio-only or not probed yet).</summary>
    public string? Timecode(double seconds) => _clock is { } clock ? clock.Label(clock.FrameAt(seconds)) : null;

    /// <summary>The out point of a span: its last frame, inclusive, as NLEs show out points and the CSV
    /// markers write them (<see cref="MarkerClock.Span"/>). Null without a frame rate.</summary>
    public string? OutTimecode(double start, double end) => _clock is { } clock ? clock.Label(clock.LastFrame(start, end)) : null;
}
