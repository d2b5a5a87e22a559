using Mam.Bench.Search.Corpus;
using Mam.Search;

namespace Mam.Bench.Search.Queries;

/// <summary>One search as every engine is asked it: the typed text and the filter.</summary>
public sealed record BenchQuery(string Text, SearchFilter Filter);

/// <summary>One kind of query (a row of the table) and its generated instances.</summary>
public sealed record QueryKind(string Name, IReadOnlyList<BenchQuery> Queries, string? GrepBy = null);

/// <summary>The query kinds of the table, drawn from lines really said in the corpus.</summary>
public static class BenchQueries
{
    public static List<QueryKind> Make(IReadOnlyList<string> sample, Dialogue dialogue, int count, int projects, DateTime firstDay, int seed)
    {
        var random = new Random(seed + 2);
        var pairs = Enumerable.Range(0, count).Select(_ => Phrase(sample, random, 2)).ToList();
        var triples = Enumerable.Range(0, count).Select(_ => Phrase(sample, random, 3)).ToList();
        var prefixes = Enumerable.Range(0, count).Select(_ => Prefix(dialogue, random)).ToList();
        var filters = Enumerable.Range(0, count).Select(_ => Filter(random, projects, firstDay)).ToList();
        var none = new SearchFilter();
        return
        [
            new("\"two words\"", pairs.Select(p => new BenchQuery(p, none)).ToList(), "two words"),
            new("\"two words\" + filter", pairs.Select((p, i) => new BenchQuery(p, filters[i])).ToList()),
            new("\"three words here\"", triples.Select(p => new BenchQuery(p, none)).ToList(), "three words here"),
            new("\"three words here\" + filter", triples.Select((p, i) => new BenchQuery(p, filters[i])).ToList()),
            new("prefix*", prefixes.Select(p => new BenchQuery(p, none)).ToList(), "prefix"),
            new("prefix* + filter", prefixes.Select((p, i) => new BenchQuery(p, filters[i])).ToList()),
            new("browse (filters only)", filters.Select(f => new BenchQuery("", f)).ToList()),
        ];
    }

    /// <summary><paramref name="wanted"/> consecutive words of a line that was really said, in quotes, with at least
    /// one word of five letters or more: what an editor remembers of a line is its content words
    /// ("the rusty lantern"), not "to the".</summary>
    private static string Phrase(IReadOnlyList<string> sample, Random random, int wanted)
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
}
