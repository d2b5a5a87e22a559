using Mam.Media.Analysis.Shots;

namespace Mam.Media.Analysis.Sampling;

/// <summary>One frame to look at: when, and which shot it belongs to.</summary>
public sealed record FrameSample(int Index, double Time, int ShotNumber);

/// <summary>Which frames of a clip the analysis reads: the middle of every shot (each shot is seen at
/// least once, however short) plus one every interval (long shots change: a super comes in, someone
/// walks into frame), never more than a cap, so a long clip costs a bounded number of frames.</summary>
public static class FramePlan
{
    public static IReadOnlyList<FrameSample> Choose(IReadOnlyList<Shot> shots, double durationSeconds, TimeSpan interval, int maxSamples)
    {
        ArgumentNullException.ThrowIfNull(shots);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSamples, 1);
        if (durationSeconds <= 0 || shots.Count == 0)
        {
            return [];
        }

        var step = Math.Max(0.1, interval.TotalSeconds);
        // Stay a little short of the end: a seek to the very last timestamp often decodes nothing.
        var last = Math.Max(0, durationSeconds - 0.05);
        var middles = shots.Select(s => Math.Min(s.Middle, last)).ToList();

        // An interval frame right next to a shot's middle frame would show the same picture twice.
        var spacing = Math.Min(step / 2, 1.0);
        var regular = new List<double>();
        for (var t = 0.0; t <= last; t += step)
        {
            if (middles.All(m => Math.Abs(m - t) >= spacing))
            {
                regular.Add(t);
            }
        }

        var chosen = middles.Count >= maxSamples
            ? Spread(middles, maxSamples)
            : [.. middles, .. Spread(regular, maxSamples - middles.Count)];

        return chosen.Distinct().Order()
            .Select((t, i) => new FrameSample(i, t, ShotAt(shots, t).Number))
            .ToList();
    }

    /// <summary>The shot a time falls in (the last shot for the clip's final instant).</summary>
    public static Shot ShotAt(IReadOnlyList<Shot> shots, double seconds)
    {
        ArgumentNullException.ThrowIfNull(shots);
        return shots.FirstOrDefault(s => s.Contains(seconds)) ?? shots[^1];
    }

    /// <summary>At most <paramref name="count"/> items spread evenly over the list, first and last included.</summary>
    private static List<double> Spread(List<double> items, int count)
    {
        if (count <= 0)
        {
            return [];
        }
        if (items.Count <= count)
        {
            return items;
        }
        if (count == 1)
        {
            return [items[items.Count / 2]];
        }
        return Enumerable.Range(0, count)
            .Select(i => items[(int)Math.Round(i * (items.Count - 1) / (double)(count - 1))])
            .ToList();
    }
}
