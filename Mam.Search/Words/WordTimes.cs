using System.Buffers.Binary;

namespace Mam.Search.Words;

/// <summary>The time of every word span of a segment's indexed text (<see cref="WordSpans"/>), stored
/// beside the text in both engines: a version byte, then per span its start and end as unsigned 16-bit
/// centiseconds from the segment's start (4 bytes a word: a million ten-word segments cost 40 MB).
/// Centiseconds are finer than a frame at 60 fps. A segment longer than <see cref="MaxSpan"/> keeps no
/// word times (its hits carry the segment's times).</summary>
internal static class WordTimes
{
    private const byte Version = 1;

    /// <summary>The longest time from a segment's start a word can be stored at: 655.35 s.</summary>
    public const double MaxSpan = ushort.MaxValue / 100.0;

    /// <returns>Null when a time does not fit (see <see cref="MaxSpan"/>).</returns>
    public static byte[]? Encode(IReadOnlyList<(double Start, double End)> words, double segmentStart)
    {
        ArgumentNullException.ThrowIfNull(words);
        var bytes = new byte[1 + words.Count * 4];
        bytes[0] = Version;
        for (var i = 0; i < words.Count; i++)
        {
            var start = Centiseconds(words[i].Start - segmentStart);
            var end = Centiseconds(words[i].End - segmentStart);
            if (start is null || end is null)
            {
                return null;
            }

            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(1 + i * 4), start.Value);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(3 + i * 4), Math.Max(start.Value, end.Value));
        }

        return bytes;
    }

    /// <returns>Null for no times, or times written by another version or for other text (the count
    /// differs from the spans'): the hit then keeps the segment's times rather than guess.</returns>
    public static (double Start, double End)[]? Decode(ReadOnlySpan<byte> bytes, double segmentStart, int spans)
    {
        if (bytes.Length != 1 + spans * 4 || bytes[0] != Version)
        {
            return null;
        }

        // Rounded to the millisecond: 5.831, not 5.8309999999999995, in the API and the page's address.
        var times = new (double, double)[spans];
        for (var i = 0; i < spans; i++)
        {
            times[i] = (Math.Round(segmentStart + BinaryPrimitives.ReadUInt16LittleEndian(bytes[(1 + i * 4)..]) / 100.0, 3),
                Math.Round(segmentStart + BinaryPrimitives.ReadUInt16LittleEndian(bytes[(3 + i * 4)..]) / 100.0, 3));
        }

        return times;
    }

    private static ushort? Centiseconds(double seconds)
    {
        var value = Math.Round(Math.Max(0, seconds) * 100);
        return double.IsFinite(value) && value <= ushort.MaxValue ? (ushort)value : null;
    }
}
