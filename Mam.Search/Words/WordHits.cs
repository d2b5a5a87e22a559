using Mam.Search.Text;

namespace Mam.Search.Words;

/// <summary>One place in a segment a search matched: the time of its first and last matching word,
/// and a snippet centred on it (marked, not yet HTML).</summary>
internal readonly record struct WordHit(double Start, double End, string Snippet);

/// <summary>What matched in one segment: its hits, and what ranking needs to know.</summary>
/// <param name="Occurrences">Separate matches in the segment (a word said three times: 3).</param>
/// <param name="WordCount">Word spans of the segment's text.</param>
internal sealed record SegmentMatch(IReadOnlyList<WordHit> Hits, int Occurrences, int WordCount);

/// <summary>Turns an engine's highlight of a segment (the whole indexed text with
/// <see cref="SnippetMarkup"/> markers around matched words) into hits at the words' times. Shared by
/// both engines, so FTS5's highlight() and Elasticsearch's highlighter give the same hits.</summary>
internal static class WordHits
{
    /// <summary>Matches closer than this belong to one hit: "Harbour! The harbour, the harbour." is
    /// one place to play, not three.</summary>
    public const double MergeGapSeconds = 1.0;

    /// <param name="marked">The indexed text with markers around the matched words.</param>
    /// <param name="eachOccurrence">One clause was searched for: every occurrence of it is a hit of its
    /// own. Otherwise (several words that must all be there) one hit runs from the first matched word
    /// to the last.</param>
    public static SegmentMatch Find(string marked, double start, double end, ReadOnlySpan<byte> words, bool eachOccurrence)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var (text, ranges, markAt) = Unmark(marked);
        var spans = WordSpans.Of(text);
        var runs = Runs(spans, ranges);
        if (runs.Count == 0)
        {
            // Matched, but the highlighter marked nothing (it may give up on very long text): the
            // segment's time and its opening words are better than no hit.
            return new SegmentMatch([new WordHit(start, end, SnippetWindow.Around(marked))], 1, spans.Count);
        }

        var candidates = eachOccurrence ? runs : [new Run(runs[0].First, runs[^1].Last)];

        var times = words.IsEmpty ? null : WordTimes.Decode(words, start, spans.Count);
        var hits = new List<WordHit>();
        (double Start, double End, int Focus)? current = null;
        foreach (var run in candidates)
        {
            var (first, last) = times is null ? (start, end) : (times[run.First].Start, times[run.Last].End);
            if (current is { } open && first - open.End < MergeGapSeconds)
            {
                current = (open.Start, Math.Max(open.End, last), open.Focus);
                continue;
            }

            if (current is { } done)
            {
                hits.Add(Hit(marked, done));
            }

            current = (first, Math.Max(first, last), markAt(spans[run.First].Start));
        }

        hits.Add(Hit(marked, current!.Value));
        return new SegmentMatch(hits, runs.Count, spans.Count);
    }

    private static WordHit Hit(string marked, (double Start, double End, int Focus) hit) =>
        new(hit.Start, hit.End, SnippetWindow.Around(marked, hit.Focus));

    /// <summary>Consecutive marked spans: a phrase marked as one run (FTS5) or word by word
    /// (Elasticsearch) reads the same.</summary>
    private static List<Run> Runs(List<WordSpan> spans, List<WordSpan> ranges)
    {
        var runs = new List<Run>();
        var range = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            while (range < ranges.Count && ranges[range].End <= spans[i].Start)
            {
                range++;
            }

            var marked = range < ranges.Count && ranges[range].Start < spans[i].End;
            if (!marked)
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].Last == i - 1)
            {
                runs[^1] = runs[^1] with { Last = i };
            }
            else
            {
                runs.Add(new Run(i, i));
            }
        }

        return runs;
    }

    /// <summary>The text without markers, the marked character ranges in it, and a way back from a
    /// position in the text to the same position in <paramref name="marked"/>.</summary>
    private static (string Text, List<WordSpan> Ranges, Func<int, int> MarkAt) Unmark(string marked)
    {
        var text = new System.Text.StringBuilder(marked.Length);
        var ranges = new List<WordSpan>();
        var back = new List<int>(marked.Length);
        var open = -1;
        for (var i = 0; i < marked.Length; i++)
        {
            switch (marked[i])
            {
                case SnippetMarkup.MatchStart:
                    open = text.Length;
                    break;
                case SnippetMarkup.MatchEnd:
                    if (open >= 0 && text.Length > open)
                    {
                        ranges.Add(new WordSpan(open, text.Length));
                    }

                    open = -1;
                    break;
                default:
                    back.Add(i);
                    text.Append(marked[i]);
                    break;
            }
        }

        return (text.ToString(), ranges, at => at < back.Count ? back[at] : marked.Length);
    }

    private readonly record struct Run(int First, int Last);
}
