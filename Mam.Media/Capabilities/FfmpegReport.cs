using Mam.Media.Renditions.Proxies;

namespace Mam.Media.Capabilities;

/// <summary>The configured ffmpeg measured against what the pipeline needs, for the start-up check and
/// <c>/health/ready</c>.</summary>
/// <param name="Version">Null when ffmpeg could not be asked at all (missing, not executable).</param>
/// <param name="Encoders">Each encoder the pipeline needs and whether this ffmpeg has it.</param>
/// <param name="Filters">Each filter the pipeline needs and whether this ffmpeg has it.</param>
/// <param name="HardwareEncoders">Every hardware encoder compiled in, whether or not this machine has the device for it.</param>
/// <param name="Problems">One sentence per shortfall, each saying what to install or set; empty when ready.</param>
public sealed record FfmpegReport(
    string FfmpegPath,
    string? Version,
    IReadOnlyDictionary<string, bool> Encoders,
    IReadOnlyDictionary<string, bool> Filters,
    IReadOnlyList<string> HardwareAccelerators,
    IReadOnlyList<string> HardwareEncoders,
    IReadOnlyList<string> Problems)
{
    /// <summary>The hardware encoder proxies are tried with first (Proxies:HardwareEncoding); null: software only.</summary>
    public ProxyHardware? ProxyHardware { get; init; }

    public bool IsReady => Problems.Count == 0;
}
