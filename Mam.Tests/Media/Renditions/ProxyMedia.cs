using System.Globalization;
using System.Text.Json;
using Mam.Media.Processes;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media.Renditions;

/// <summary>Sources for proxy tests and what a viewer of the proxy would see: its streams as ffprobe
/// reports them, a frame's pixels, and whether the whole file decodes.</summary>
internal static class ProxyMedia
{
    private static readonly ProcessRunner Runner = new(NullLogger<ProcessRunner>.Instance);

    public sealed record Stream(string Type, string Codec, string? Tag, int Width, int Height, long? BitRate);

    /// <summary>A still mid-grey picture (so any drawn pixel stands out) with a tone, ProRes Proxy + PCM in a
    /// .mov carrying <paramref name="timecode"/>.</summary>
    public static async Task<string> MakeGreyClipAsync(string folder, string fileName, int width, int height, string rate, string timecode, double seconds = 2)
    {
        var path = Path.Combine(folder, fileName);
        var d = seconds.ToString(CultureInfo.InvariantCulture);
        await Runner.RunAsync(TestMedia.Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"color=c=gray:s={width}x{height}:r={rate}:d={d}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={d}",
            "-map", "0:v", "-map", "1:a", "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s16le",
            "-timecode", timecode, path,
        ], CancellationToken.None);
        return path;
    }

    public static async Task<IReadOnlyList<Stream>> StreamsAsync(string path)
    {
        var result = await Runner.RunAsync("/usr/bin/ffprobe",
            ["-v", "error", "-show_entries", "stream=codec_type,codec_name,codec_tag_string,width,height,bit_rate", "-of", "json", path],
            CancellationToken.None);
        using var json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.GetProperty("streams").EnumerateArray().Select(s => new Stream(
            s.GetProperty("codec_type").GetString()!,
            s.TryGetProperty("codec_name", out var codec) ? codec.GetString()! : "",
            s.TryGetProperty("codec_tag_string", out var tag) ? tag.GetString() : null,
            s.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
            s.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
            s.TryGetProperty("bit_rate", out var b) ? long.Parse(b.GetString()!, CultureInfo.InvariantCulture) : null)).ToList();
    }

    public static async Task<Stream> VideoAsync(string path) => (await StreamsAsync(path)).Single(s => s.Type == "video");

    /// <summary>Decodes every frame and sound sample as a player would; throws with ffmpeg's complaint if any fails.</summary>
    public static async Task<string> DecodeAllAsync(string path) =>
        (await Runner.RunAsync(TestMedia.Ffmpeg, ["-nostdin", "-v", "error", "-xerror", "-i", path, "-f", "null", "-"], CancellationToken.None)).StandardErrorTail;

    /// <summary>Frame <paramref name="index"/> as 8-bit grey, one byte a pixel, row by row.</summary>
    public static async Task<Frame> GreyFrameAsync(string path, int index, string folder)
    {
        var video = await VideoAsync(path);
        var raw = Path.Combine(folder, $"frame-{Guid.NewGuid():N}.gray");
        await Runner.RunAsync(TestMedia.Ffmpeg,
            ["-nostdin", "-v", "error", "-y", "-i", path, "-vf", $"select=eq(n\\,{index})", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", raw],
            CancellationToken.None);
        return new Frame(await File.ReadAllBytesAsync(raw), video.Width, video.Height);
    }

    public sealed record Frame(byte[] Pixels, int Width, int Height)
    {
        /// <summary>How many pixels of the rectangle differ by more than <paramref name="threshold"/> grey levels
        /// (well above what compression noise moves a flat grey).</summary>
        public int Changed(Frame other, (int X, int Y, int Width, int Height) area, int threshold = 64)
        {
            var count = 0;
            for (var y = area.Y; y < area.Y + area.Height; y++)
            {
                for (var x = area.X; x < area.X + area.Width; x++)
                {
                    var i = (y * Width) + x;
                    if (Math.Abs(Pixels[i] - other.Pixels[i]) > threshold)
                    {
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
