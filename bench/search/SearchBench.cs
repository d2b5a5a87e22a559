using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mam.Bench.Harness;
using Mam.Bench.Search.Corpus;
using Mam.Media.Processes;
using Mam.Search;
using Mam.Search.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Bench.Search;

/// <summary>A million generated time-coded segments in the FTS5 index: p50/p95 of phrase and prefix
/// searches with and without filters, against `grep -F` scanning the same text exported to a file.
/// A program that prints numbers; it asserts nothing about them.</summary>
public static class SearchBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/search -- [--segments 1000000] [--segments-per-clip 50]
                 [--projects 20] [--clips-per-card 40] [--queries 200] [--grep-queries 20] [--seed 42] [--work DIR] [--keep no]
        """;

    private static readonly string[] KnownFlags =
        ["segments", "segments-per-clip", "projects", "clips-per-card", "queries", "grep-queries", "seed", "work", "keep"];

    public static async Task<int> Main(string[] args)
    {
        Flags flags;
        int segments, perClip, projects, clipsPerCard, queries, grepQueries, seed;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            segments = flags.WholeNumber("segments", 1_000_000, 1000, 50_000_000);
            perClip = flags.WholeNumber("segments-per-clip", 50, 2, 10_000);
            projects = flags.WholeNumber("projects", 20, 1, 1000);
            clipsPerCard = flags.WholeNumber("clips-per-card", 40, 1, 10_000);
            queries = flags.WholeNumber("queries", 200, 1, 100_000);
            grepQueries = flags.WholeNumber("grep-queries", 20, 1, 10_000);
            seed = flags.WholeNumber("seed", 42, 0, int.MaxValue);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}");
            return 2;
        }

        var work = flags.WorkFolder("search");
        var keep = string.Equals(flags.Text("keep"), "yes", StringComparison.OrdinalIgnoreCase);
        Directory.CreateDirectory(work);
        await MachineFacts.PrintHeaderAsync(Console.Out, "bench/search: FTS5 over time-coded segments vs grep -F",
        [
            ("segments", segments.ToString("N0", CultureInfo.InvariantCulture)),
            ("segments per clip (mean)", perClip.ToString(CultureInfo.InvariantCulture)),
            ("projects / clips per card", $"{projects} / {clipsPerCard}"),
            ("queries per kind / grep runs", $"{queries} / {grepQueries}"),
            ("seed", seed.ToString(CultureInfo.InvariantCulture)),
            ("work folder", work),
        ], CancellationToken.None);

        try
        {
            var corpus = new ClipCorpus(seed, projects, perClip, clipsPerCard);
            var index = new SqliteFtsSearchIndex(Path.Combine(work, "search.db"));
            var textFile = Path.Combine(work, "segments.txt");
            var sample = await BuildAsync(corpus, index, textFile, segments, seed);

            var random = new Random(seed + 2);
            var pairs = Enumerable.Range(0, queries).Select(_ => Phrase(sample, random, 2)).ToList();
            var triples = Enumerable.Range(0, queries).Select(_ => Phrase(sample, random, 3)).ToList();
            var prefixes = Enumerable.Range(0, queries).Select(_ => Prefix(corpus.Dialogue, random)).ToList();
            var filters = Enumerable.Range(0, queries).Select(_ => Filter(random, projects, corpus.FirstDay)).ToList();

            // Warm the page cache and SQLite's own cache the way a running server is warm.
            foreach (var query in pairs.Take(20).Concat(prefixes.Take(20)))
            {
                await index.SearchAsync(new SearchRequest(query), CancellationToken.None);
            }

            var results = new List<Latency>
            {
                await MeasureAsync(index, "\"two words\"", pairs, null),
                await MeasureAsync(index, "\"two words\" + filter", pairs, filters),
                await MeasureAsync(index, "\"three words here\"", triples, null),
                await MeasureAsync(index, "\"three words here\" + filter", triples, filters),
                await MeasureAsync(index, "prefix*", prefixes, null),
                await MeasureAsync(index, "prefix* + filter", prefixes, filters),
                await MeasureAsync(index, "browse (filter only)", pairs.Select(_ => "").ToList(), filters),
            };
            var grepPairs = await GrepAsync("grep -F two words", textFile, pairs.Take(grepQueries).Select(p => p.Trim('"')));
            var grepTriples = await GrepAsync("grep -F three words here", textFile, triples.Take(grepQueries).Select(p => p.Trim('"')));
            var grepPrefix = await GrepAsync("grep -F prefix", textFile, prefixes.Take(grepQueries).Select(p => p.TrimEnd('*')));

            Console.WriteLine(Latency.Header);
            foreach (var latency in results.Append(grepPairs).Append(grepTriples).Append(grepPrefix))
            {
                Console.WriteLine(latency);
            }

            Console.WriteLine();
            Console.WriteLine("ratios (grep -F p50 ÷ FTS5 p50; above 1 means the index is faster than the full scan):");
            Ratio("\"two words\"", grepPairs, results[0]);
            Ratio("  + filter", grepPairs, results[1]);
            Ratio("\"three words here\"", grepTriples, results[2]);
            Ratio("  + filter", grepTriples, results[3]);
            Ratio("prefix*", grepPrefix, results[4]);
            Ratio("  + filter", grepPrefix, results[5]);
            Console.WriteLine();
            Console.WriteLine("FTS5 p50 ms by how many clips match (n queries in brackets):");
            Console.WriteLine("query                            1–100 clips      101–1000 clips    over 1000 clips");
            foreach (var latency in results.Take(6))
            {
                var cells = new[] { (0, 100), (100, 1000), (1000, int.MaxValue) }
                    .Select(r => latency.Selectivity(r.Item1, r.Item2))
                    .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.P50,8:0.0} ({c.Count,3})"));
                Console.WriteLine($"{latency.Name,-32} {string.Join("      ", cells)}");
            }

            Console.WriteLine();
            Console.WriteLine("mean matches: clips for FTS5 (all of them, though 20 are listed), lines for grep.");
            Console.WriteLine("FTS5 latencies are the whole SearchAsync (match, clip grouping, facets over every matching clip,");
            Console.WriteLine("snippets for the listed clips, limit 20) in-process; grep counts matching lines case-insensitively");
            Console.WriteLine("(LC_ALL=C grep -F -i -c) and its times include starting sh and grep.");
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

    /// <summary>Indexes the corpus in batches and writes the same text, one segment per line, for grep;
    /// returns a sample of transcript lines to draw phrase queries from.</summary>
    private static async Task<List<string>> BuildAsync(ClipCorpus corpus, SqliteFtsSearchIndex index, string textFile, int segments, int seed)
    {
        const int Batch = 20_000;
        var random = new Random(seed + 3);
        var sample = new List<string>();
        var clips = 0;
        var clock = Stopwatch.StartNew();
        await index.EnsureCreatedAsync(CancellationToken.None);
        await using (var text = new StreamWriter(textFile, false, new UTF8Encoding(false), 1 << 20))
        {
            for (var done = 0; done < segments; done += Batch)
            {
                var batch = corpus.NextBatch(Math.Min(Batch, segments - done));
                clips += batch.Count;
                await index.IndexAssetsAsync(batch, CancellationToken.None);
                foreach (var clip in batch)
                {
                    foreach (var segment in clip.Segments)
                    {
                        await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{clip.AssetId}\t{segment.Start:0.00}\t{segment.Text}"));
                        if (segment.Source == SegmentSources.Transcript && random.Next(200) == 0)
                        {
                            sample.Add(segment.Text);
                        }
                    }
                }
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var dbBytes = Directory.EnumerateFiles(Path.GetDirectoryName(textFile)!, "search.db*").Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"indexed {segments:N0} segments in {clips:N0} clips in {seconds:0.0} s ({segments / seconds:N0} segments/s); " +
            $"index {dbBytes / 1048576.0:0} MiB, text file {new FileInfo(textFile).Length / 1048576.0:0} MiB"));
        Console.WriteLine();
        return sample;
    }

    /// <summary><paramref name="wanted"/> consecutive words of a line that was really said, in quotes, with at least
    /// one word of five letters or more: what an editor remembers of a line is its content words
    /// ("the rusty lantern"), not "to the".</summary>
    private static string Phrase(List<string> sample, Random random, int wanted)
    {
        while (true)
        {
            var words = sample[random.Next(sample.Count)]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim(',', '.', '?', '!'))
                .ToArray();
            var length = Math.Min(words.Length, wanted);
            var start = random.Next(words.Length - length + 1);
            var phrase = words.Skip(start).Take(length).ToArray();
            if (phrase.Any(w => w.Length >= 5))
            {
                return "\"" + string.Join(' ', phrase) + "\"";
            }
        }
    }

    /// <summary>The first three to five letters of a noun or place, as an editor starts typing it.</summary>
    private static string Prefix(Dialogue dialogue, Random random)
    {
        var word = dialogue.ContentWord();
        return word[..Math.Min(word.Length, 3 + random.Next(3))] + "*";
    }

    private static SearchFilter Filter(Random random, int projects, DateTime firstDay)
    {
        var project = ClipCorpus.ProjectName(random.Next(projects));
        var from = firstDay.AddDays(random.Next(60));
        return random.Next(5) switch
        {
            0 => new SearchFilter { Project = project },
            1 => new SearchFilter { Project = project, Camera = "A" },
            2 => new SearchFilter { RecordedFrom = from, RecordedBefore = from.AddDays(7) },
            3 => new SearchFilter { Tags = ["person"], HasFaces = true },
            _ => new SearchFilter { QcStatus = QcStatuses.Warning, Codec = "prores" },
        };
    }

    private static async Task<Latency> MeasureAsync(SqliteFtsSearchIndex index, string name, List<string> queries, List<SearchFilter>? filters)
    {
        var latency = new Latency(name);
        for (var i = 0; i < queries.Count; i++)
        {
            var request = new SearchRequest(queries[i]) { Filter = filters?[i] ?? new SearchFilter() };
            var clock = Stopwatch.StartNew();
            var results = await index.SearchAsync(request, CancellationToken.None);
            latency.Add(clock.Elapsed.TotalMilliseconds, results.TotalClips);
        }

        return latency;
    }

    private static async Task<Latency> GrepAsync(string name, string file, IEnumerable<string> patterns)
    {
        var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        var latency = new Latency(name);

        // grep exits 1 when nothing matches; the shell keeps that from reading as a failure.
        string[] Arguments(string pattern) => ["-c", "LC_ALL=C grep -F -i -c -e \"$1\" \"$2\" || true", "sh", pattern, file];
        await runner.RunAsync("/bin/sh", Arguments("warm the page cache"), CancellationToken.None);
        foreach (var pattern in patterns)
        {
            var clock = Stopwatch.StartNew();
            var result = await runner.RunAsync("/bin/sh", Arguments(pattern), CancellationToken.None);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            latency.Add(elapsed, int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture));
        }

        return latency;
    }

    private static void Ratio(string name, Latency grep, Latency ours) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-20} grep {grep.Percentile(50),8:0.00} ms ÷ FTS5 {ours.Percentile(50),8:0.00} ms = {grep.Percentile(50) / ours.Percentile(50),7:0.0}×   (p95: {grep.Percentile(95) / ours.Percentile(95):0.0}×)"));
}
