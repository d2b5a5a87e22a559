namespace Mam.Media.Cuts;

/// <summary>
/// Where a cut without re-encoding starts and which bytes of the original it needs. A picture can only
/// be cut at an I-frame (a key packet), so a long-GOP clip's cut starts at the I-frame at or before the
/// asked first frame; an all-intra clip (ProRes, DNxHD) starts exactly there. The bytes are those of
/// every packet, of every stream, that plays from that I-frame to the end of the range: with the
/// container's header and index, all the remux reads.
/// </summary>
/// <param name="StartSeconds">The cut's first frame, in seconds from the clip's first frame.</param>
/// <param name="FirstByte">First byte of the media the cut needs (inclusive).</param>
/// <param name="LastByte">Last byte (inclusive).</param>
public sealed record CutPlan(double StartSeconds, long FirstByte, long LastByte, bool StartsEarlier)
{
    /// <summary>A tenth of a frame at 60 fps: times this close are the same frame.</summary>
    private const double Tolerance = 0.0016;

    /// <param name="from">Asked-for first frame, seconds from the clip's first frame.</param>
    /// <param name="to">Asked-for end (exclusive), seconds from the clip's first frame.</param>
    /// <exception cref="InvalidOperationException">The index holds no I-frame at or before <paramref name="from"/>, or no packet in the range.</exception>
    public static CutPlan From(PacketIndex index, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(index);
        var (first, end) = (index.StartSeconds + from, index.StartSeconds + to);
        var key = index.VideoStream is { } video
            ? index.Packets.Where(p => p.Stream == video && p.Key && p.Seconds <= first + Tolerance).Select(p => (double?)p.Seconds).Max()
            : first;
        if (key is not { } start)
        {
            throw new InvalidOperationException("ffprobe listed no I-frame at or before the range's first frame, so no cut without re-encoding can start there.");
        }
        var needed = index.Packets.Where(p => p.Seconds >= start - Tolerance && p.Seconds < end - Tolerance).ToList();
        if (needed.Count == 0)
        {
            throw new InvalidOperationException("ffprobe listed no packet in the range.");
        }
        return new CutPlan(start - index.StartSeconds, needed.Min(p => p.Position), needed.Max(p => p.Position + p.Size) - 1, start < first - Tolerance);
    }
}
