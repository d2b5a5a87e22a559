using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Harness;
using Mam.Bench.Search.Corpus;
using Mam.Bench.Search.Lucene;
using Mam.Bench.Search.Queries;
using Mam.Search;
using Mam.Search.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mam.Bench.Search;

/// <summary>Generated time-coded segments (a million by default) in our FTS5 engine and, as the
/// reference, in Lucene.Net 4.8 (the engine inside Elasticsearch), and as text for `grep -F`: p50/p95 of
/// each query kind side by side with the ratio to Lucene, then the same queries through GET /api/search.
/// A program that prints numbers; it asserts nothing about them.</summary>
public static class SearchBench
{
    private const string SampleFile = "sample.txt";

    private const string Usage = """
        usage: dotnet run -c Release --project bench/search -- [--segments 1000000] [--segments-per-clip 50]
                 [--projects 20] [--clips-per-card 40] [--queries 200] [--grep-queries 20] [--api yes|no]
                 [--seed 42] [--work .data/bench/search] [--keep no] [--reuse no]
        The 10 M report: --segments 10000000 (index build time and size, and the same table).
        --reuse yes measures again on the files a --keep yes run left in --work, without building them.
        """;

    private static readonly string[] KnownFlags =
        ["segments", "segments-per-clip", "projects", "clips-per-card", "queries", "grep-queries", "api", "seed", "work", "keep", "reuse"];

    public static async Task<int> Main(string[] args)
    {
        Flags flags;
        BenchSettings settings;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            settings = new BenchSettings(
                flags.WholeNumber("segments", 1_000_000, 1000, 50_000_000),
                flags.WholeNumber("segments-per-clip", 50, 2, 10_000),
                flags.WholeNumber("projects", 20, 1, 1000),
                flags.WholeNumber("clips-per-card", 40, 1, 10_000),
                flags.WholeNumber("queries", 200, 1, 100_000),
                flags.WholeNumber("grep-queries", 20, 1, 10_000),
                flags.WholeNumber("seed", 42, 0, int.MaxValue),
                !string.Equals(flags.Text("api"), "no", StringComparison.OrdinalIgnoreCase));
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}");
            return 2;
        }

        // Its own folder in the repository's .data (never /tmp, often a small tmpfs): 1 M segments take ~1 GB.
        var work = Path.GetFullPath(flags.Text("work") ?? Path.Combine(RepoPaths.Find().Root, ".data", "bench", "search"));
        var reuse = string.Equals(flags.Text("reuse"), "yes", StringComparison.OrdinalIgnoreCase);
        var keep = reuse || string.Equals(flags.Text("keep"), "yes", StringComparison.OrdinalIgnoreCase);
        if (reuse && !File.Exists(Path.Combine(work, SampleFile)))
        {
            await Console.Error.WriteLineAsync($"--reuse yes: {work} holds no index a --keep yes run left (no {SampleFile}).");
            return 2;
        }

        if (!reuse && Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        await MachineFacts.PrintHeaderAsync(Console.Out, "bench/search: our FTS5 engine vs Lucene.Net 4.8 vs grep -F, and GET /api/search",
        [
            ("segments", settings.Segments.ToString("N0", CultureInfo.InvariantCulture)),
            ("segments per clip (mean)", settings.SegmentsPerClip.ToString(CultureInfo.InvariantCulture)),
            ("projects / clips per card", $"{settings.Projects} / {settings.ClipsPerCard}"),
            ("queries per kind / grep runs", $"{settings.Queries} / {settings.GrepQueries}"),
            ("seed", settings.Seed.ToString(CultureInfo.InvariantCulture)),
            ("work folder", work),
        ], CancellationToken.None);

        try
        {
            await RunAsync(settings, work, reuse);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task RunAsync(BenchSettings settings, string work, bool reuse)
    {
        var corpus = new ClipCorpus(settings.Seed, settings.Projects, settings.SegmentsPerClip, settings.ClipsPerCard);
        var searchFile = Path.Combine(work, "search.db");
        var index = new SqliteFtsSearchIndex(searchFile);
        using var lucene = new LuceneReference(Path.Combine(work, "lucene"));
        var textFile = Path.Combine(work, "segments.txt");
        var sampleFile = Path.Combine(work, SampleFile);
        List<string> sample;
        if (reuse)
        {
            // The phrases come from the kept sample. The clips are generated again (not indexed): Lucene's side
            // keeps their fields in memory, and drawing them leaves the word picker where the build left it,
            // so the prefixes and filters are the same as in the run that built the files.
            sample = [.. await File.ReadAllLinesAsync(sampleFile)];
            for (var done = 0; done < settings.Segments; done += CorpusBuild.Batch)
            {
                lucene.Remember(corpus.NextBatch(Math.Min(CorpusBuild.Batch, settings.Segments - done)));
            }

            lucene.Commit();
        }
        else
        {
            sample = await CorpusBuild.RunAsync(corpus, index, lucene, textFile, settings.Segments, settings.Seed);
            await File.WriteAllLinesAsync(sampleFile, sample);
        }

        var kinds = BenchQueries.Make(sample, corpus.Dialogue, settings.Queries, settings.Projects, corpus.FirstDay, settings.Seed);

        // Warm every engine the way a running server is warm: each query asked once, unmeasured, so the
        // page cache holds what they read and .NET has compiled the code at its final tier (it tiers a
        // method up only after it has run a while: a fresh API process took about 300 searches to go
        // from 14.5 to 9.3 ms a request, so ten queries a kind measured its warm-up, not its overhead).
        foreach (var query in kinds.SelectMany(k => k.Queries))
        {
            await index.SearchAsync(Request(query), CancellationToken.None);
            lucene.Search(query.Text, query.Filter);
        }

        var rows = new List<ReportRow>();
        foreach (var kind in kinds)
        {
            var ours = await MeasureAsync(kind, async q => (await index.SearchAsync(Request(q), CancellationToken.None)).TotalClips);
            var reference = await MeasureAsync(kind, q => Task.FromResult(lucene.Search(q.Text, q.Filter)));
            var grep = kind.GrepBy is null
                ? null
                : await GrepSearch.MeasureAsync(kind.GrepBy, textFile, kind.Queries.Take(settings.GrepQueries).Select(q => q.Text.Trim('"', '*')));
            rows.Add(new ReportRow(kind.Name, ours, reference, grep));
        }

        if (settings.Api)
        {
            SqliteConnection.ClearAllPools();
            await using var api = await ApiSearch.StartAsync(searchFile, Path.Combine(work, "api"), CancellationToken.None);
            foreach (var query in kinds.SelectMany(k => k.Queries))
            {
                await api.SearchAsync(query, CancellationToken.None);
            }

            for (var i = 0; i < kinds.Count; i++)
            {
                rows[i] = rows[i] with { Api = await MeasureAsync(kinds[i], q => api.SearchAsync(q, CancellationToken.None)) };
            }
        }

        Report.Print(Console.Out, rows);
    }

    private static SearchRequest Request(BenchQuery query) => new(query.Text) { Filter = query.Filter };

    private static async Task<Latency> MeasureAsync(QueryKind kind, Func<BenchQuery, Task<int>> search)
    {
        var latency = new Latency(kind.Name);
        foreach (var query in kind.Queries)
        {
            var clock = Stopwatch.StartNew();
            var clips = await search(query);
            latency.Add(clock.Elapsed.TotalMilliseconds, clips);
        }

        return latency;
    }
}

public sealed record BenchSettings(int Segments, int SegmentsPerClip, int Projects, int ClipsPerCard, int Queries, int GrepQueries, int Seed, bool Api);
