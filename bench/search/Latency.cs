using System.Globalization;

namespace Mam.Bench.Search;

/// <summary>Latencies of one kind of query, in milliseconds.</summary>
public sealed class Latency(string name)
{
    private readonly List<double> _milliseconds = [];
    private readonly List<int> _matchCounts = [];
    private long _matches;

    public string Name => name;

    public int Count => _milliseconds.Count;

    public double MeanMatches => Count == 0 ? 0 : (double)_matches / Count;

    public void Add(double milliseconds, int matches)
    {
        _milliseconds.Add(milliseconds);
        _matchCounts.Add(matches);
        _matches += matches;
    }

    /// <summary>Nearest-rank percentile: the smallest latency at least <paramref name="percent"/>% of queries did not exceed.</summary>
    public double Percentile(double percent)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>p50 of the queries whose match count lies in (<paramref name="above"/>, <paramref name="atMost"/>], and how many there were.</summary>
    public (int Count, double P50) Selectivity(int above, int atMost)
    {
        var inRange = _milliseconds.Where((_, i) => _matchCounts[i] > above && _matchCounts[i] <= atMost).Order().ToArray();
        return inRange.Length == 0 ? (0, double.NaN) : (inRange.Length, inRange[(int)Math.Ceiling(inRange.Length / 2.0) - 1]);
    }

    public const string Header = "query                               n   p50 ms   p95 ms   max ms   mean matches";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{name,-32} {Count,4} {Percentile(50),8:0.00} {Percentile(95),8:0.00} {Percentile(100),8:0.00} {(Count == 0 ? 0 : (double)_matches / Count),14:0.0}");
}
