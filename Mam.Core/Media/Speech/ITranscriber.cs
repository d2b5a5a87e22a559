namespace Mam.Core.Media.Speech;

/// <summary>Speech-to-text with word timings. Engines: pocketsphinx (offline default); more later.</summary>
public interface ITranscriber
{
    /// <summary>Engine name recorded on every segment it makes, e.g. "pocketsphinx".</summary>
    string Engine { get; }

    /// <summary>Transcribes the first audio stream of <paramref name="mediaPath"/>. Times are seconds
    /// from the start of the file.</summary>
    Task<Transcript> TranscribeAsync(string mediaPath, CancellationToken cancellationToken);
}

public sealed record Transcript(string Engine, IReadOnlyList<TranscriptSegmentData> Segments);

/// <summary>One phrase (an utterance between pauses) with its words.</summary>
public sealed record TranscriptSegmentData(double Start, double End, string Text, IReadOnlyList<TranscriptWord> Words);

public sealed record TranscriptWord(string Word, double Start, double End, double Confidence);
