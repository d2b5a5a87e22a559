using System.Globalization;

namespace Mam.Bench.Search;

/// <summary>One query kind measured on every engine; <see cref="Grep"/> and <see cref="Api"/> may be missing.</summary>
public sealed record ReportRow(string Name, Latency Ours, Latency Lucene, Latency? Grep)
{
    public Latency? Api { get; init; }
}

/// <summary>The table: p50/p95 per engine, the ratio of our p95 to Lucene's (the aim: at most 2×, and
/// at most 50 ms at a million segments), grep's, and what the API adds at p95.</summary>
public static class Report
{
    public static void Print(TextWriter output, IReadOnlyList<ReportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        output.WriteLine("| query | ours (FTS5) p50 / p95 ms | Lucene.Net 4.8 p50 / p95 | ours ÷ Lucene p95 | grep -F p50 / p95 | GET /api/search p50 / p95 | API − ours p95 | clips matching (mean: ours / Lucene) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {Pair(row.Ours)} | {Pair(row.Lucene)} | {row.Ours.Percentile(95) / row.Lucene.Percentile(95):0.0}× | " +
                $"{(row.Grep is { } grep ? Pair(grep) : "–")} | {(row.Api is { } api ? Pair(api) : "–")} | " +
                $"{(row.Api is { } a ? (a.Percentile(95) - row.Ours.Percentile(95)).ToString("+0.0;−0.0", CultureInfo.InvariantCulture) : "–")} | " +
                $"{row.Ours.MeanMatches:N0} / {row.Lucene.MeanMatches:N0} |"));
        }

        output.WriteLine();
        output.WriteLine("n per kind: " + string.Join(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Name} {r.Ours.Count}{(r.Grep is { } g ? $" (grep {g.Count})" : "")}"))));
        output.WriteLine("ours: the whole SearchAsync in process (match, clips ranked, facets over every matching clip, the best 20");
        output.WriteLine("listed with every matching timecode, snippet and word times). Lucene: one document per segment, every match");
        output.WriteLine("collected and grouped per clip, facets over the matching clips, the best 20 listed with their hits' stored");
        output.WriteLine("times and text. grep: LC_ALL=C grep -F -i -c over one line per segment, sh and grep started each time (lines");
        output.WriteLine("counted, not clips). API: the same queries as GET /api/search of a Mam.Api process on the same file.");
    }

    private static string Pair(Latency latency) =>
        string.Create(CultureInfo.InvariantCulture, $"{latency.Percentile(50):0.0} / {latency.Percentile(95):0.0}");
}
