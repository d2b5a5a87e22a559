using System.Globalization;
using Mam.Catalog.Entities.Review;
using Mam.Catalog.Model;

namespace Mam.Api.Review.Shares;

/// <summary>The share page's reports of what was played: checked, and added to what a session watched of a clip.</summary>
public static class WatchedRanges
{
    /// <summary>One report: the page reports every 15 s, so more than this is not a player's.</summary>
    public const int MaxPerReport = 200;

    public const double MaxSecondsPerReport = 300;

    public static List<double[]>? Check(IReadOnlyList<double[]>? ranges, double? duration, out string? problem)
    {
        problem = null;
        if (ranges is not { Count: > 0 } || ranges.Count > MaxPerReport)
        {
            problem = $"ranges: the stretches played, [from, to] in seconds from the clip's start, 1 to {MaxPerReport} a report.";
            return null;
        }
        var end = duration is > 0 ? duration.Value + 1 : double.MaxValue;
        foreach (var r in ranges)
        {
            if (r is not { Length: 2 } || !double.IsFinite(r[0]) || !double.IsFinite(r[1]) || r[0] < 0 || r[1] <= r[0] || r[1] > end)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"ranges: [{string.Join(", ", r ?? [])}] is not a stretch of this clip; each is [from, to] with 0 ≤ from < to ≤ {(duration is > 0 ? duration.Value.ToString("0.###", CultureInfo.InvariantCulture) : "its end")}.");
                return null;
            }
        }
        if (ranges.Sum(r => r[1] - r[0]) > MaxSecondsPerReport)
        {
            problem = $"ranges: one report covers at most {MaxSecondsPerReport} seconds of play.";
            return null;
        }
        return ranges.Select(r => new[] { Math.Round(r[0], 3), Math.Round(r[1], 3) }).ToList();
    }

    /// <summary>Adds the stretches; one that goes on where the last one stopped (the next report of the same playback) extends it.</summary>
    public static void Add(ShareWatch watch, List<double[]> ranges)
    {
        var kept = watch.Ranges.Select(r => (double[])r.Clone()).ToList();
        foreach (var r in ranges)
        {
            watch.Seconds += r[1] - r[0];
            if (kept.Count > 0 && Math.Abs(kept[^1][1] - r[0]) < 0.5)
            {
                kept[^1][1] = Math.Max(kept[^1][1], r[1]);
            }
            else if (kept.Count < ShareLimits.Ranges)
            {
                kept.Add(r);
            }
        }
        // A new list: the change tracker compares the JSON column by value.
        watch.Ranges = kept;
        watch.Seconds = Math.Round(watch.Seconds, 3);
    }
}
