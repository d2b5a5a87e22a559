using System.Globalization;
using System.Text.RegularExpressions;

namespace Mam.Media.Analysis.Shots;

/// <summary>Reads the cuts ffmpeg's scdet filter logs ("lavfi.scd.score: 24.315, lavfi.scd.time: 2.8")
/// and turns them into shots covering the whole clip.</summary>
public static partial class ScdetLog
{
    [GeneratedRegex(@"lavfi\.scd\.score:\s*(?<score>[0-9.]+),\s*lavfi\.scd\.time:\s*(?<time>-?[0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CutLine();

    /// <summary>The cut in one log line, if the line reports one.</summary>
    public static (double Time, double Score)? ParseCut(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = CutLine().Match(line);
        if (!match.Success)
        {
            return null;
        }
        return (double.Parse(match.Groups["time"].Value, CultureInfo.InvariantCulture),
                double.Parse(match.Groups["score"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Shots from cuts: the first starts at 0, each cut starts the next, the last ends with the
    /// clip. Cuts closer than <paramref name="minShotSeconds"/> to the previous one (a flash, a
    /// glitch) are merged into it.</summary>
    public static IReadOnlyList<Shot> ToShots(IEnumerable<(double Time, double Score)> cuts, double durationSeconds, double minShotSeconds = 0.2)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        var shots = new List<Shot>();
        var start = 0.0;
        double? score = null;
        foreach (var cut in cuts.Where(c => c.Time > 0 && c.Time < durationSeconds).OrderBy(c => c.Time))
        {
            if (cut.Time - start < minShotSeconds)
            {
                continue;
            }
            shots.Add(new Shot(shots.Count + 1, start, cut.Time, score));
            start = cut.Time;
            score = cut.Score;
        }
        if (durationSeconds > start || shots.Count == 0)
        {
            shots.Add(new Shot(shots.Count + 1, start, Math.Max(start, durationSeconds), score));
        }
        return shots;
    }
}
