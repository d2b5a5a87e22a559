namespace Mam.Media.Capabilities;

/// <summary>What one ffmpeg binary says it can do (<c>-version</c>, <c>-encoders</c>, <c>-filters</c>,
/// <c>-hwaccels</c>). Builds differ: Debian's has libx264 and scdet, a minimal static build or an old
/// distribution's may not, so the pipeline asks instead of assuming.</summary>
/// <param name="Version">As ffmpeg prints it, e.g. "5.1.9-0+deb12u1".</param>
/// <param name="HardwareAccelerators">Methods compiled in (vaapi, cuda, qsv…); whether a device is present is not checked.</param>
public sealed record FfmpegCapabilities(
    string Version,
    IReadOnlySet<string> Encoders,
    IReadOnlySet<string> Filters,
    IReadOnlyList<string> HardwareAccelerators)
{
    // ffmpeg names hardware encoders codec_api; these are the APIs it ships wrappers for.
    private static readonly string[] HardwareSuffixes =
        ["_vaapi", "_nvenc", "_qsv", "_amf", "_videotoolbox", "_v4l2m2m", "_omx", "_mf", "_vulkan", "_rkmpp", "_mediacodec"];

    public bool HasEncoder(string name) => Encoders.Contains(name);

    public bool HasFilter(string name) => Filters.Contains(name);

    /// <summary>Encoders that hand the work to a GPU or a media engine (h264_vaapi, hevc_nvenc…), by name.</summary>
    public IReadOnlyList<string> HardwareEncoders =>
        Encoders.Where(IsHardwareEncoder).Order(StringComparer.Ordinal).ToList();

    private static bool IsHardwareEncoder(string name) => HardwareSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));
}
