using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mam.Bench.Search.Corpus;
using Mam.Bench.Search.Lucene;
using Mam.Search;
using Mam.Search.Sqlite;

namespace Mam.Bench.Search;

/// <summary>Writes the generated clips into our index, into Lucene and, one segment a line, into a text
/// file for grep; prints each one's build time and size.</summary>
public static class CorpusBuild
{
    public const int Batch = 20_000;

    /// <returns>A sample of transcript lines to draw phrase queries from.</returns>
    public static async Task<List<string>> RunAsync(ClipCorpus corpus, SqliteFtsSearchIndex index, LuceneReference lucene, string textFile, int segments, int seed)
    {
        var random = new Random(seed + 3);
        var sample = new List<string>();
        var clips = 0;
        var ours = new Stopwatch();
        var reference = new Stopwatch();
        await index.EnsureCreatedAsync(CancellationToken.None);
        await using (var text = new StreamWriter(textFile, false, new UTF8Encoding(false), 1 << 20))
        {
            for (var done = 0; done < segments; done += Batch)
            {
                var batch = corpus.NextBatch(Math.Min(Batch, segments - done));
                clips += batch.Count;
                ours.Start();
                await index.IndexAssetsAsync(batch, CancellationToken.None);
                ours.Stop();
                reference.Start();
                lucene.Add(batch);
                reference.Stop();
                foreach (var segment in batch.SelectMany(c => c.Segments))
                {
                    await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{segment.Start:0.00}\t{segment.Text}"));
                    if (segment.Source == SegmentSources.Transcript && random.Next(200) == 0)
                    {
                        sample.Add(segment.Text);
                    }
                }
            }
        }

        reference.Start();
        lucene.Commit();
        reference.Stop();
        var folder = Path.GetDirectoryName(textFile)!;
        var oursBytes = Directory.EnumerateFiles(folder, "search.db*").Sum(f => new FileInfo(f).Length);
        var luceneBytes = Directory.EnumerateFiles(Path.Combine(folder, "lucene")).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{segments:N0} segments in {clips:N0} clips (with word times); text file {new FileInfo(textFile).Length / 1048576.0:0} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  FTS5:   indexed in {ours.Elapsed.TotalSeconds:0.0} s ({segments / ours.Elapsed.TotalSeconds:N0} segments/s), {oursBytes / 1048576.0:0} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Lucene: indexed in {reference.Elapsed.TotalSeconds:0.0} s ({segments / reference.Elapsed.TotalSeconds:N0} segments/s, one merged segment), {luceneBytes / 1048576.0:0} MiB"));
        Console.WriteLine();
        return sample;
    }
}
