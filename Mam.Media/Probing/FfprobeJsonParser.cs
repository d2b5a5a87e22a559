using System.Globalization;
using System.Text.Json;

namespace Mam.Media.Probing;

/// <summary>Turns the JSON of <c>ffprobe -print_format json -show_format -show_streams [-show_error]</c>
/// into <see cref="MediaInfo"/>. Field meanings: https://ffmpeg.org/ffprobe.html and ffprobe.xsd.</summary>
public static class FfprobeJsonParser
{
    /// <param name="json">ffprobe's stdout.</param>
    /// <param name="fileDisplayName">Used in error messages, e.g. "A001C001.mov".</param>
    /// <exception cref="MediaProbeException">Empty or corrupt JSON, or ffprobe reported an error.</exception>
    public static MediaInfo Parse(string json, string fileDisplayName)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new MediaProbeException($"ffprobe could not read '{fileDisplayName}': it returned no information.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, fileDisplayName);
        }
        catch (JsonException ex)
        {
            throw new MediaProbeException($"ffprobe could not read '{fileDisplayName}': its output is not valid JSON ({ex.Message}).", ex);
        }
    }

    private static MediaInfo Parse(JsonElement root, string fileDisplayName)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MediaProbeException($"ffprobe could not read '{fileDisplayName}': unexpected output.");
        }

        if (root.TryGetProperty("error", out var error))
        {
            var reason = String(error, "string") ?? "unknown error";
            throw new MediaProbeException($"ffprobe could not read '{fileDisplayName}': {reason}");
        }

        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Object)
        {
            throw new MediaProbeException($"ffprobe could not read '{fileDisplayName}': no container format found.");
        }

        var streams = root.TryGetProperty("streams", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().ToList()
            : [];

        var videoStream = streams.FirstOrDefault(IsPicture);
        VideoStreamInfo? video = videoStream.ValueKind == JsonValueKind.Object
            ? new VideoStreamInfo(
                String(videoStream, "codec_name") ?? "unknown",
                Int(videoStream, "width") ?? 0,
                Int(videoStream, "height") ?? 0,
                String(videoStream, "pix_fmt"),
                String(videoStream, "profile"))
            : null;

        var audio = streams
            .Where(x => String(x, "codec_type") == "audio")
            .Select(x => new AudioStreamInfo(
                Int(x, "index") ?? 0,
                String(x, "codec_name") ?? "unknown",
                Int(x, "channels") ?? 0,
                String(x, "channel_layout"),
                Int(x, "sample_rate") ?? 0))
            .ToList();

        return new MediaInfo(
            String(format, "format_name") ?? "unknown",
            Double(format, "duration"),
            video is null ? null : Rational(String(videoStream, "r_frame_rate")),
            StartTimecode(format, streams),
            video,
            audio,
            RecordedAt(format, streams));
    }

    /// <summary>Cameras and muxers write creation_time in the format tags (mov, mp4, mxf) and often in
    /// each stream's tags too; the format's wins. A time before 1990 is a camera whose clock was never
    /// set (QuickTime's zero is 1904, Unix's 1970): no date is better than a wrong one.</summary>
    private static DateTime? RecordedAt(JsonElement format, List<JsonElement> streams)
    {
        var text = Tag(format, "creation_time")
            ?? streams.Select(x => Tag(x, "creation_time")).FirstOrDefault(x => x is not null);
        if (text is null
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var recorded)
            || recorded.Year < 1990)
        {
            return null;
        }

        return DateTime.SpecifyKind(recorded, DateTimeKind.Utc);
    }

    /// <summary>A video stream that is real picture, not cover art (mp4/mov may carry an attached JPEG).</summary>
    private static bool IsPicture(JsonElement stream) =>
        String(stream, "codec_type") == "video"
        && !(stream.TryGetProperty("disposition", out var d) && Int(d, "attached_pic") == 1);

    /// <summary>QuickTime keeps the start timecode in a tmcd data track; ffprobe mirrors it into the
    /// format or video stream tags depending on the container, so all three places are looked at.</summary>
    private static string? StartTimecode(JsonElement format, List<JsonElement> streams)
    {
        var fromFormat = Tag(format, "timecode");
        if (fromFormat is not null)
        {
            return fromFormat;
        }

        var withTimecode = streams
            .Where(x => String(x, "codec_type") is "video" or "data")
            .OrderBy(x => String(x, "codec_type") == "video" ? 0 : 1)
            .Select(x => Tag(x, "timecode"))
            .FirstOrDefault(x => x is not null);
        return withTimecode;
    }

    private static string? Tag(JsonElement element, string name)
    {
        if (!element.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Tag names keep whatever case the muxer wrote ("timecode", "TIMECODE" in MXF/MKV).
        foreach (var tag in tags.EnumerateObject())
        {
            if (string.Equals(tag.Name, name, StringComparison.OrdinalIgnoreCase) && tag.Value.ValueKind == JsonValueKind.String)
            {
                var value = tag.Value.GetString();
                return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            }
        }

        return null;
    }

    /// <summary>"30000/1001" → FrameRate; "0/0" (ffprobe's "unknown") → null.</summary>
    private static FrameRate? Rational(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.Integer, CultureInfo.InvariantCulture, out var num)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var den)
            || num <= 0 || den <= 0)
        {
            return null;
        }

        return new FrameRate(num, den);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ffprobe writes some numbers as JSON numbers and some (sample_rate) as strings.</summary>
    private static int? Int(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    private static double? Double(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }
}
