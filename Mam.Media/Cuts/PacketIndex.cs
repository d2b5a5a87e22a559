using System.Globalization;
using System.Text.Json;

namespace Mam.Media.Cuts;

/// <summary>One packet as <c>ffprobe -show_entries packet=stream_index,pts_time,dts_time,pos,size,flags</c>
/// lists it: where its bytes are in the file and when it plays.</summary>
/// <param name="Seconds">Presentation time in the file's timeline (its decode time when it has none).</param>
public sealed record Packet(int Stream, double Seconds, long Position, long Size, bool Key);

/// <summary>The packets ffprobe listed for an interval of a clip, with which stream is the picture and
/// where the file's timeline starts.</summary>
/// <param name="VideoStream">Null for a clip without pictures.</param>
public sealed record PacketIndex(IReadOnlyList<Packet> Packets, int? VideoStream, double StartSeconds)
{
    /// <summary>Reads ffprobe's JSON (<c>-print_format json -show_entries packet=…:stream=index,codec_type:format=start_time</c>).</summary>
    /// <exception cref="FormatException">Not ffprobe's JSON.</exception>
    public static PacketIndex Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var packets = new List<Packet>();
            if (root.TryGetProperty("packets", out var listed))
            {
                foreach (var packet in listed.EnumerateArray())
                {
                    var seconds = Number(packet, "pts_time") ?? Number(packet, "dts_time");
                    var position = Number(packet, "pos");
                    var size = Number(packet, "size");
                    // A packet without a time or a place in the file (a generated one) says nothing about bytes to read.
                    if (seconds is { } at && position is { } pos && pos >= 0 && size is { } bytes && packet.TryGetProperty("stream_index", out var stream))
                    {
                        packets.Add(new Packet(stream.GetInt32(), at, (long)pos, (long)bytes,
                            packet.TryGetProperty("flags", out var flags) && flags.GetString()?.StartsWith('K') == true));
                    }
                }
            }
            int? video = root.TryGetProperty("streams", out var streams)
                ? streams.EnumerateArray().Where(s => s.TryGetProperty("codec_type", out var type) && type.GetString() == "video")
                    .Select(s => (int?)s.GetProperty("index").GetInt32()).FirstOrDefault()
                : null;
            var start = root.TryGetProperty("format", out var format) ? Number(format, "start_time") ?? 0 : 0;
            return new PacketIndex(packets, video, start);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"ffprobe's packet list could not be read: {ex.Message}", ex);
        }
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? (double?)parsed : null,
            JsonValueKind.Number => value.GetDouble(),
            _ => null,
        } is { } number ? number : null;
}
