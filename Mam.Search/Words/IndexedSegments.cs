using Mam.Search.Text;

namespace Mam.Search.Words;

/// <summary>A segment as both engines store and index it.</summary>
/// <param name="Text">The cleaned text.</param>
/// <param name="Words">The time of every word span of <see cref="Text"/> (<see cref="WordTimes"/>); null
/// when nothing in it has a time of its own.</param>
/// <param name="WordCount">Word spans of <see cref="Text"/> (the length ranking normalises by).</param>
internal sealed record IndexedSegment(double Start, double End, string Source, double? Confidence, string Text, byte[]? Words, int WordCount);

/// <summary>Turns a clip's segments into what is indexed. Spoken segments with word times that follow
/// each other without a real pause are indexed as one: a recogniser cuts its phrases at a word count
/// or a short breath as well as at pauses, and a line cut in two ("… the young" | "man said …") must
/// still be found as typed. Hits land on the words' own times, so a longer indexed segment costs no
/// precision.</summary>
internal static class IndexedSegments
{
    /// <summary>A longer silence between two spoken segments is a pause, not a cut through a phrase.</summary>
    public const double MaxPauseSeconds = 0.8;

    /// <summary>Spoken segments are joined up to this many words; a longer run of speech without a pause
    /// is cut where the joining would pass it.</summary>
    public const int MaxJoinedWords = 60;

    public static List<IndexedSegment> Of(AssetDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var indexed = new List<IndexedSegment>();
        Part? open = null;
        foreach (var part in (document.Segments ?? []).Select(Part.Of))
        {
            if (open is not null && open.CanJoin(part))
            {
                open = open.Join(part);
                continue;
            }

            if (open is not null)
            {
                indexed.Add(open.ToIndexed());
            }

            open = part;
        }

        if (open is not null)
        {
            indexed.Add(open.ToIndexed());
        }

        return indexed;
    }

    /// <summary>A segment being built: its text, word spans and their times (a span the recogniser gave
    /// no time has its segment's); <see cref="Timed"/> when any span has a time of its own.</summary>
    private sealed record Part(double Start, double End, string Source, double? Confidence, string Text,
        List<WordSpan> Spans, List<(double Start, double End)> Times, bool Timed)
    {
        public static Part Of(SegmentDocument segment)
        {
            var text = IndexedText.Clean(segment.Text);
            var spans = WordSpans.Of(text);
            var times = Align(segment, text, spans);
            return new Part(segment.Start, segment.End, segment.Source ?? SegmentSources.Transcript,
                segment.Confidence is { } c && double.IsFinite(c) ? c : null, text, spans,
                times.Select(t => t ?? (segment.Start, segment.End)).ToList(), times.Any(t => t is not null));
        }

        private bool Spoken => Source == SegmentSources.Transcript && Timed;

        public bool CanJoin(Part next) =>
            Spoken && next.Spoken
            && next.Start >= Start && next.Start - End <= MaxPauseSeconds
            && Spans.Count + next.Spans.Count <= MaxJoinedWords;

        public Part Join(Part next)
        {
            var offset = Text.Length + 1;
            var words = Spans.Count + next.Spans.Count;
            return this with
            {
                End = Math.Max(End, next.End),
                Confidence = Confidence is { } a && next.Confidence is { } b ? (a * Spans.Count + b * next.Spans.Count) / words : Confidence ?? next.Confidence,
                Text = Text + " " + next.Text,
                Spans = [.. Spans, .. next.Spans.Select(s => new WordSpan(s.Start + offset, s.End + offset))],
                Times = [.. Times, .. next.Times],
            };
        }

        public IndexedSegment ToIndexed()
        {
            var words = Timed ? WordTimes.Encode(Times, Start) : null;
            return new IndexedSegment(Start, End, Source, Confidence, Text, words, Spans.Count);
        }
    }

    /// <summary>Finds each timed word in the text, in order (case aside; punctuation around a word, as
    /// some recognisers attach it, aside), and gives its time to the spans it covers. A word the text
    /// does not have (a filler, a correction made to the text) is skipped; a span no word covers keeps
    /// the segment's time.</summary>
    private static List<(double Start, double End)?> Align(SegmentDocument segment, string text, List<WordSpan> spans)
    {
        var times = new List<(double Start, double End)?>(Enumerable.Repeat<(double, double)?>(null, spans.Count));
        var cursor = 0;
        var span = 0;
        foreach (var word in segment.Words ?? [])
        {
            if (word?.Word is null || !double.IsFinite(word.Start) || !double.IsFinite(word.End) || WordSpans.Of(word.Word) is not { Count: > 0 } parts)
            {
                continue;
            }

            var core = word.Word[parts[0].Start..parts[^1].End];
            var at = text.IndexOf(core, cursor, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var end = at + core.Length;
            while (span < spans.Count && spans[span].End <= at)
            {
                span++;
            }

            var said = (Start: word.Start, End: Math.Max(word.Start, word.End));
            for (var s = span; s < spans.Count && spans[s].Start < end; s++)
            {
                times[s] = times[s] is { } known ? (Math.Min(known.Start, said.Start), Math.Max(known.End, said.End)) : said;
            }

            cursor = end;
        }

        return times;
    }
}
