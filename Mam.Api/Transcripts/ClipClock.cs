using Mam.Catalog.Entities;
using Mam.Media.Probing;

namespace Mam.Api.Transcripts;

/// <summary>Turns seconds from a clip's first frame into the SMPTE timecode an editor sees in the
/// NLE, counting from the clip's start timecode (drop-frame where the clip uses it).</summary>
public readonly struct ClipClock
{
    private readonly FrameRate? _rate;
    private readonly string? _start;

    private ClipClock(FrameRate? rate, string? start)
    {
        _rate = rate;
        _start = start;
    }

    public static ClipClock For(TechnicalMetadata? technical) =>
        technical is { FrameRateNumerator: { } n, FrameRateDenominator: { } d } && n > 0 && d > 0
            ? new ClipClock(new FrameRate(n, d), technical.StartTimecode)
            : new ClipClock(null, null);

    /// <summary>Null when the clip has no frame rate (audio-only or not probed yet).</summary>
    public string? Timecode(double seconds) => _rate is { } rate ? Mam.Media.Timecodes.Timecode.FromSeconds(seconds, rate, _start) : null;
}
