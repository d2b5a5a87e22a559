using System.Globalization;
using Mam.Media.Speech;

namespace Mam.Media.Speech.Pocketsphinx;

/// <summary>Reads the stdout of <c>pocketsphinx_continuous -time yes</c>: per utterance a hypothesis line,
/// then one "word start end posterior" line per word, bracketed by &lt;s&gt; and &lt;/s&gt;.</summary>
public static class PocketsphinxOutputParser
{
    /// <summary>A pause at least this long starts a new segment, so a search hit lands on the phrase spoken.</summary>
    public const double PauseSplitSeconds = 0.3;

    /// <summary>A segment never grows beyond this many words.</summary>
    public const int MaxWordsPerSegment = 12;

    /// <summary>From this many words on, any pause ends the segment (a natural break beats a hard cut).</summary>
    private const int PreferSplitFromWords = 8;

    public static IReadOnlyList<TranscriptSegmentData> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var segments = new List<TranscriptSegmentData>();
        var current = new List<TranscriptWord>();

        foreach (var rawLine in output.Split('\n'))
        {
            if (!TryReadTimedToken(rawLine, out var token, out var start, out var end, out var confidence))
            {
                continue; // the hypothesis line repeats the words without times
            }

            if (token is "<s>" or "</s>")
            {
                Flush(segments, current);
                continue;
            }

            var pause = IsFiller(token) ? end - start : current.Count > 0 ? start - current[^1].End : 0;
            if (pause >= PauseSplitSeconds || (IsFiller(token) && current.Count >= PreferSplitFromWords))
            {
                Flush(segments, current);
            }

            if (IsFiller(token))
            {
                continue;
            }

            current.Add(new TranscriptWord(StripPronunciationVariant(token), start, end, confidence));
            if (current.Count >= MaxWordsPerSegment)
            {
                Flush(segments, current);
            }
        }

        Flush(segments, current);
        return segments;
    }

    /// <summary>Silence and noise markers: &lt;sil&gt;, [NOISE], [SPEECH], and the older ++NOISE++ form.</summary>
    public static bool IsFiller(string token) =>
        (token.StartsWith('<') && token.EndsWith('>'))
        || (token.StartsWith('[') && token.EndsWith(']'))
        || (token.StartsWith("++", StringComparison.Ordinal) && token.EndsWith("++", StringComparison.Ordinal));

    /// <summary>"that(2)" is the dictionary's second pronunciation of "that"; users searched for "that".</summary>
    public static string StripPronunciationVariant(string token)
    {
        var open = token.LastIndexOf('(');
        return open > 0 && token.EndsWith(')') && token.AsSpan(open + 1, token.Length - open - 2).ContainsAnyExceptInRange('0', '9') is false
            ? token[..open]
            : token;
    }

    private static bool TryReadTimedToken(string line, out string token, out double start, out double end, out double confidence)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        token = parts.Length == 4 ? parts[0] : string.Empty;
        start = end = confidence = 0;
        return parts.Length == 4
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out start)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out end)
            && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out confidence);
    }

    private static void Flush(List<TranscriptSegmentData> segments, List<TranscriptWord> words)
    {
        if (words.Count == 0)
        {
            return;
        }

        // pocketsphinx scores words only (posterior probabilities); the phrase gets their mean.
        segments.Add(new TranscriptSegmentData(
            words[0].Start, words[^1].End, string.Join(' ', words.Select(w => w.Word)), words.ToArray(),
            words.Average(w => w.Confidence)));
        words.Clear();
    }
}
