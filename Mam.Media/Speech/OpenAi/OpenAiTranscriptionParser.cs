using System.Globalization;
using System.Text.Json;
using Mam.Media.Speech.Pocketsphinx;

namespace Mam.Media.Speech.OpenAi;

/// <summary>Reads a <c>response_format=verbose_json</c> transcription in the shapes the servers send:
/// OpenAI puts words beside the segments (<c>words[]</c>, no scores) and segments carry
/// <c>avg_logprob</c>; faster-whisper-server and whisper.cpp's server put scored words inside each
/// segment (<c>segments[].words[].probability</c>); with only word timestamps there are no segments.
/// Anything else is refused with a message naming the server, never guessed at.</summary>
public static class OpenAiTranscriptionParser
{
    /// <summary>Whisper rounds times to its 20 ms grid and may end a segment slightly past the audio.</summary>
    public const double TimeToleranceSeconds = 1.0;

    /// <summary>Whisper's own rule for a segment that is really silence (openai/whisper transcribe.py:
    /// no_speech_threshold 0.6 with logprob_threshold -1): its text is invented, drop it.</summary>
    private const double NoSpeechProbability = 0.6;
    private const double NoSpeechLogprob = -1.0;

    /// <param name="body">The response body.</param>
    /// <param name="chunkSeconds">Length of the audio sent; every time must fall inside it.</param>
    /// <param name="server">Named in error messages, e.g. "http://gpu1:8000/v1".</param>
    /// <returns>Phrases timed from the start of the chunk.</returns>
    /// <exception cref="SpeechEngineException">Not JSON, not a transcription, or times outside the chunk.</exception>
    public static IReadOnlyList<TranscriptSegmentData> Parse(string body, double chunkSeconds, string server)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw Garbage(server, $"something that is not JSON: {Snippet(body)}");
        }
        using (document)
        {
            return new Reader(chunkSeconds, server).Read(document.RootElement);
        }
    }

    internal static SpeechEngineException Garbage(string server, string what) =>
        new($"The speech server at {server} answered {what}. Expected an OpenAI-compatible verbose_json transcription with timings.");

    internal static string Snippet(string body)
    {
        var flat = new string(body.Take(120).Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return flat.Length == 0 ? "(empty body)" : $"'{flat}{(body.Length > 120 ? "…" : "")}'";
    }

    private sealed record Word(string Text, double Start, double End, double? Probability);

    private sealed record Segment(double Start, double End, string Text, List<Word> Words, double? AvgLogprob, double? NoSpeechProb);

    private sealed class Reader(double chunkSeconds, string server)
    {
        public List<TranscriptSegmentData> Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Garbage(server, $"a JSON {root.ValueKind.ToString().ToLowerInvariant()} instead of a transcription object");
            }
            if (root.TryGetProperty("error", out var error))
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
                throw Garbage(server, $"an error: {Snippet(message)}");
            }

            var segments = Array(root, "segments")?.Select((s, i) => ReadSegment(s, i)).ToList();
            var words = Array(root, "words")?.Select((w, i) => ReadWord(w, $"words[{i}]")).Where(w => w.Text.Length > 0).ToList();
            var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

            if (segments is not { Count: > 0 } && words is not { Count: > 0 })
            {
                if (segments is null && words is null && text is null)
                {
                    throw Garbage(server, "JSON without \"text\", \"segments\" or \"words\"");
                }
                if (!string.IsNullOrWhiteSpace(text))
                {
                    throw Garbage(server, "text without any timings (no \"segments\" or \"words\"); it must support response_format=verbose_json");
                }
                return []; // nothing was said
            }

            return segments is { Count: > 0 } ? FromSegments(segments, words ?? []) : FromWords(words!);
        }

        private static List<TranscriptSegmentData> FromSegments(List<Segment> segments, List<Word> looseWords)
        {
            // OpenAI sends words beside the segments: each goes to the segment its middle falls in.
            // Servers that put words inside segments may repeat them beside; the inner ones win.
            var byTime = segments.OrderBy(s => s.Start).ToList();
            if (!byTime.Any(s => s.Words.Count > 0))
            {
                foreach (var word in looseWords)
                {
                    var middle = (word.Start + word.End) / 2;
                    var home = byTime.FirstOrDefault(s => middle >= s.Start && middle <= s.End)
                        ?? byTime.MinBy(s => Math.Min(Math.Abs(s.Start - middle), Math.Abs(s.End - middle)))!;
                    home.Words.Add(word);
                }
            }

            var phrases = new List<TranscriptSegmentData>();
            foreach (var segment in byTime)
            {
                if (segment is { NoSpeechProb: > NoSpeechProbability, AvgLogprob: < NoSpeechLogprob })
                {
                    continue;
                }
                var scored = segment.Words.Where(w => w.Probability is not null).ToList();
                double? confidence = scored.Count > 0 ? scored.Average(w => w.Probability!.Value)
                    : segment.AvgLogprob is { } logprob ? Math.Clamp(Math.Exp(logprob), 0, 1) : null;
                var words = segment.Words.OrderBy(w => w.Start)
                    .Select(w => new TranscriptWord(w.Text, w.Start, w.End, w.Probability ?? confidence ?? 0)).ToList();
                var text = segment.Text.Trim();
                if (text.Length == 0)
                {
                    text = string.Join(' ', words.Select(w => w.Word));
                }
                if (text.Length == 0)
                {
                    continue;
                }
                phrases.Add(new TranscriptSegmentData(segment.Start, Math.Max(segment.End, segment.Start), text, words, confidence));
            }
            return phrases;
        }

        /// <summary>Only word timestamps: phrases are made the way pocketsphinx's are, at pauses and
        /// sentence ends, so a search hit lands on the phrase spoken.</summary>
        private static List<TranscriptSegmentData> FromWords(List<Word> words)
        {
            var phrases = new List<TranscriptSegmentData>();
            var current = new List<Word>();
            foreach (var word in words.OrderBy(w => w.Start))
            {
                if (current.Count > 0 && (word.Start - current[^1].End >= PocketsphinxOutputParser.PauseSplitSeconds
                                          || current.Count >= PocketsphinxOutputParser.MaxWordsPerSegment))
                {
                    Flush(phrases, current);
                }
                current.Add(word);
                if (word.Text.EndsWith('.') || word.Text.EndsWith('?') || word.Text.EndsWith('!'))
                {
                    Flush(phrases, current);
                }
            }
            Flush(phrases, current);
            return phrases;
        }

        private static void Flush(List<TranscriptSegmentData> phrases, List<Word> words)
        {
            if (words.Count == 0)
            {
                return;
            }
            var scored = words.Where(w => w.Probability is not null).ToList();
            double? confidence = scored.Count > 0 ? scored.Average(w => w.Probability!.Value) : null;
            phrases.Add(new TranscriptSegmentData(words[0].Start, words[^1].End, string.Join(' ', words.Select(w => w.Text)),
                words.Select(w => new TranscriptWord(w.Text, w.Start, w.End, w.Probability ?? confidence ?? 0)).ToList(), confidence));
            words.Clear();
        }

        private Segment ReadSegment(JsonElement element, int index)
        {
            var where = $"segments[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Garbage(server, $"a {where} that is not an object");
            }
            var (start, end) = Times(element, where);
            var text = element.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            var words = Array(element, "words")?.Select((w, i) => ReadWord(w, $"{where}.words[{i}]")).Where(w => w.Text.Length > 0).ToList() ?? [];
            return new Segment(start, end, text, words, OptionalNumber(element, "avg_logprob"), OptionalNumber(element, "no_speech_prob"));
        }

        private Word ReadWord(JsonElement element, string where)
        {
            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("word", out var w) || w.ValueKind != JsonValueKind.String)
            {
                throw Garbage(server, $"a {where} without its \"word\"");
            }
            var (start, end) = Times(element, where);
            var probability = OptionalNumber(element, "probability");
            return new Word(w.GetString()!.Trim(), start, end, probability is { } p ? Math.Clamp(p, 0, 1) : null);
        }

        private (double Start, double End) Times(JsonElement element, string where)
        {
            var start = Time(element, "start", where);
            var end = Time(element, "end", where);
            if (end < start - TimeToleranceSeconds)
            {
                throw Garbage(server, string.Create(CultureInfo.InvariantCulture, $"a {where} that ends ({end:0.###} s) before it starts ({start:0.###} s)"));
            }
            return (start, Math.Max(start, end));
        }

        private double Time(JsonElement element, string name, string where)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number
                || !value.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
            {
                throw Garbage(server, $"a {where} without a numeric \"{name}\"");
            }
            if (seconds < -TimeToleranceSeconds || seconds > chunkSeconds + TimeToleranceSeconds)
            {
                throw Garbage(server, string.Create(CultureInfo.InvariantCulture,
                    $"a {where} {name} of {seconds:0.###} s, outside the {chunkSeconds:0.###} s of audio it was sent"));
            }
            return Math.Clamp(seconds, 0, chunkSeconds);
        }

        private static double? OptionalNumber(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
                && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

        private JsonElement[]? Array(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().ToArray()
                : throw Garbage(server, $"a \"{name}\" that is not a list");
        }
    }
}
