using Mam.Tests.Integrity;

namespace Mam.Tests.Media.Cuts;

/// <summary>Clips to cut: a long-GOP H.264 one (an I-frame every 2 s, B-frames) and ProRes (every frame an I-frame), both 25 fps from 01:00:00:00.</summary>
internal static class CutTestMedia
{
    /// <param name="size">Picture size; with <paramref name="bitrate"/> how large the file is (a store is read in 1 MiB chunks).</param>
    public static async Task<string> LongGopAsync(string folder, string name = "longgop.mov", int seconds = 20, string size = "320x240", string? bitrate = null)
    {
        var path = Path.Combine(folder, name);
        var (exit, _, error) = await ExternalTool.RunAsync("ffmpeg",
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s={size}:r=25:d={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", .. (bitrate is null ? Array.Empty<string>() : ["-b:v", bitrate, "-maxrate", bitrate, "-bufsize", bitrate]), "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-bf", "2",
            "-c:a", "aac", "-b:a", "64k", "-timecode", "01:00:00:00", path,
        ]);
        exit.ShouldBe(0, error);
        return path;
    }

    public static async Task<string> AllIntraAsync(string folder, int seconds = 10)
    {
        var path = Path.Combine(folder, "prores.mov");
        var (exit, _, error) = await ExternalTool.RunAsync("ffmpeg",
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=320x240:r=25:d={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={seconds}",
            "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s16le", "-timecode", "01:00:00:00", path,
        ]);
        exit.ShouldBe(0, error);
        return path;
    }

    /// <summary>What ffprobe says of a cut: its start timecode and duration.</summary>
    public static async Task<(string? Timecode, double Duration)> DescribeAsync(string path)
    {
        var (exit, output, error) = await ExternalTool.RunAsync("ffprobe",
            ["-v", "error", "-show_entries", "format=duration:format_tags=timecode:stream_tags=timecode", "-of", "default=noprint_wrappers=1", path]);
        exit.ShouldBe(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var timecode = lines.FirstOrDefault(l => l.EndsWith("timecode=", StringComparison.Ordinal) is false && l.Contains("timecode=", StringComparison.Ordinal))?.Split('=')[1];
        var duration = double.Parse(lines.Single(l => l.StartsWith("duration=", StringComparison.Ordinal))[9..], System.Globalization.CultureInfo.InvariantCulture);
        return (timecode, duration);
    }
}
