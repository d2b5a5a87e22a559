namespace Mam.Media.Renditions.Proxies;

/// <summary>The hardware encoder proxies are tried with first, chosen once at start.</summary>
/// <param name="Kind">Vaapi, Nvenc or Qsv.</param>
/// <param name="Device">The render node VAAPI and QSV open; null for NVENC (the driver picks the GPU).</param>
public sealed record ProxyHardware(HardwareEncoding Kind, string? Device)
{
    /// <summary>ffmpeg's name for this hardware's encoder of <paramref name="codec"/>: h264_vaapi, hevc_nvenc…</summary>
    public string EncoderFor(ProxyCodec codec) => $"{(codec == ProxyCodec.Hevc ? "hevc" : "h264")}_{Kind.ToString().ToLowerInvariant()}";

    public override string ToString() => Device is null ? Kind.ToString().ToUpperInvariant() : $"{Kind.ToString().ToUpperInvariant()} on {Device}";
}
