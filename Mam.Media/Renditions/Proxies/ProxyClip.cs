using Mam.Media.Probing;

namespace Mam.Media.Renditions.Proxies;

/// <summary>What a burn-in draws: the clip's name and its source timecode, counted at its frame rate.</summary>
/// <param name="StartTimecode">The first frame's label from the probe; null draws from 00:00:00:00.</param>
/// <param name="Rate">Null (or not a video rate) draws the name only: a timecode needs a rate to count.</param>
public sealed record ProxyClip(string Name, string? StartTimecode, FrameRate? Rate);

/// <summary>How a proxy was made, for the stage's note.</summary>
/// <param name="Encoder">The encoder that wrote it: libx264, h264_vaapi…</param>
/// <param name="FallbackReason">Why the hardware encoder was not used for this clip (one line), or null.</param>
public sealed record ProxyMade(string Profile, string Encoder, string? FallbackReason)
{
    /// <summary>"proxy (profile standard, h264_nvenc)" or, after a fallback, "proxy (profile standard, libx264:
    /// h264_vaapi refused this clip: …)". One line, fit for the stage's note.</summary>
    public override string ToString() => FallbackReason is null
        ? $"proxy (profile {Profile}, {Encoder})"
        : $"proxy (profile {Profile}, {Encoder}: fell back to software, {FallbackReason})";
}
