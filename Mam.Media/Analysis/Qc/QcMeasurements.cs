namespace Mam.Media.Analysis.Qc;

/// <summary>A stretch of a clip, seconds from its first frame.</summary>
public sealed record TimeRange(double Start, double End)
{
    public double Duration => Math.Max(0, End - Start);

    public double Overlap(TimeRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Math.Max(0, Math.Min(End, other.End) - Math.Max(Start, other.Start));
    }
}

/// <summary>What ffmpeg's measuring filters reported for one clip, before any judgement.</summary>
public sealed record QcMeasurements(
    IReadOnlyList<TimeRange> Black,
    IReadOnlyList<TimeRange> Silence,
    IReadOnlyList<TimeRange> Freeze,
    IReadOnlyList<TimeRange> Undecodable,
    double? IntegratedLufs,
    double? TruePeakDbtp,
    int DecodeErrors,
    int FramesDecoded);
