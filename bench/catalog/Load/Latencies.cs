using System.Globalization;

namespace Mam.Bench.Catalog.Load;

/// <summary>Request latencies of one endpoint under one load, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public string Endpoint { get; }

    public int Errors { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public Latencies(string endpoint) => Endpoint = endpoint;

    public int Count => _milliseconds.Count;

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? (Count + Errors) / Elapsed.TotalSeconds : 0;

    public void Add(IEnumerable<double> milliseconds, int errors, TimeSpan elapsed)
    {
        _milliseconds.AddRange(milliseconds);
        Errors += errors;
        Elapsed += elapsed;
    }

    /// <summary>Nearest-rank percentile: the smallest latency that at least <paramref name="percent"/>% of requests did not exceed.</summary>
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

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Endpoint,-24} {Count,8} {RequestsPerSecond,8:0} {Percentile(50),8:0.00} {Percentile(95),8:0.00} {Percentile(99),8:0.00} {Errors,6}");

    public const string Header = "endpoint                        n    req/s   p50 ms   p95 ms   p99 ms errors";
}
