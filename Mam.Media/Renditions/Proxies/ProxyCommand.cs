using System.Globalization;

namespace Mam.Media.Renditions.Proxies;

/// <summary>The ffmpeg arguments for one proxy (pure: decided here, run by <see cref="FfmpegRenditionMaker"/>).
/// Scaling and burn-in run on the CPU in every mode; with hardware the frames are then uploaded and only
/// the encode runs on the GPU, so a burn-in looks the same whichever encoder wrote it.</summary>
internal static class ProxyCommand
{
    public static string SoftwareEncoder(ProxyCodec codec) => codec == ProxyCodec.Hevc ? "libx265" : "libx264";

    /// <param name="hardware">Null: software (libx264 / libx265).</param>
    public static IReadOnlyList<string> Build(string source, string output, ProxyProfile profile, ProxyClip clip, ProxyHardware? hardware, string font)
    {
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y" };
        arguments.AddRange(hardware?.Kind switch
        {
            HardwareEncoding.Vaapi => ["-vaapi_device", hardware.Device!],
            // QSV is opened through VAAPI on Linux (ffmpeg's wiki, "QuickSync Video"); frames are uploaded to it.
            HardwareEncoding.Qsv => ["-init_hw_device", $"vaapi=va:{hardware.Device}", "-init_hw_device", "qsv=hw@va", "-filter_hw_device", "hw"],
            _ => [],
        });
        arguments.AddRange([
            "-i", source,
            // First picture and, when there is one, first sound; the '?' makes a silent B-roll clip legal.
            "-map", "0:v:0", "-map", "0:a:0?",
            "-vf", string.Join(',', Filters(profile, clip, hardware, font)),
        ]);
        arguments.AddRange(Video(profile, hardware));
        arguments.AddRange([
            "-c:a", "aac", "-b:a", F($"{profile.AudioBitrateKbps}k"),
            // moov before mdat so a browser can start playing before the whole file has arrived.
            "-movflags", "+faststart",
            "-f", "mp4", output,
        ]);
        return arguments;
    }

    private static IEnumerable<string> Filters(ProxyProfile profile, ProxyClip clip, ProxyHardware? hardware, string font)
    {
        // Fit inside the box, never upscale (min with the input size), keep the aspect, even sides (4:2:0 needs them).
        var width = profile.MaxWidth is { } w ? F($"min({w},iw)") : "iw";
        var height = profile.MaxHeight is { } h ? F($"min({h},ih)") : "ih";
        yield return $"scale=w='{width}':h='{height}':force_original_aspect_ratio=decrease:force_divisible_by=2";
        if (profile.BurnIn)
        {
            foreach (var filter in BurnIn.Filters(clip, font))
            {
                yield return filter;
            }
        }
        switch (hardware?.Kind)
        {
            case HardwareEncoding.Vaapi:
                yield return "format=nv12";
                yield return "hwupload";
                break;
            case HardwareEncoding.Qsv:
                yield return "format=nv12";
                yield return "hwupload=extra_hw_frames=64";
                break;
            default:
                yield return "format=yuv420p";
                break;
        }
    }

    private static List<string> Video(ProxyProfile profile, ProxyHardware? hardware)
    {
        var encoder = hardware?.EncoderFor(profile.Codec) ?? SoftwareEncoder(profile.Codec);
        var arguments = new List<string> { "-c:v", encoder };
        var crf = profile.EffectiveCrf.ToString(CultureInfo.InvariantCulture);
        // A ceiling of twice the average keeps a bitrate profile's peaks within reach of the link it was sized for.
        string[] bitrate = profile.VideoBitrateKbps is { } kbps
            ? ["-b:v", F($"{kbps}k"), "-maxrate", F($"{kbps * 2}k"), "-bufsize", F($"{kbps * 2}k")]
            : [];
        var constantQuality = bitrate.Length == 0;
        arguments.AddRange(hardware?.Kind switch
        {
            HardwareEncoding.Vaapi => constantQuality ? ["-rc_mode", "CQP", "-qp", crf] : ["-rc_mode", "VBR", .. bitrate],
            HardwareEncoding.Nvenc => ["-preset", "p4", "-rc", "vbr", .. constantQuality ? ["-cq", crf, "-b:v", "0"] : bitrate],
            HardwareEncoding.Qsv => ["-preset", "veryfast", .. constantQuality ? ["-global_quality", crf] : bitrate],
            _ => ["-preset", "veryfast", .. constantQuality ? ["-crf", crf] : bitrate],
        });
        if (hardware is null && profile.Codec == ProxyCodec.Hevc)
        {
            // x265 prints its settings to stderr whatever ffmpeg's -v says.
            arguments.AddRange(["-x265-params", "log-level=error"]);
        }
        if (profile.Codec == ProxyCodec.Hevc)
        {
            // hvc1, not ffmpeg's default hev1: Safari and QuickTime play only hvc1-tagged HEVC in MP4.
            arguments.AddRange(["-tag:v", "hvc1"]);
        }
        return arguments;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
