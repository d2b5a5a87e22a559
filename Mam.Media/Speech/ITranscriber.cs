namespace Mam.Media.Speech;

/// <summary>Speech-to-text of a whole clip with word timings: picks the audio that carries speech, cuts
/// long clips on silence into pieces the configured <see cref="ISpeechEngine"/> accepts, and stitches
/// the phrases back on the clip's clock.</summary>
public interface ITranscriber
{
    /// <summary>Engine name recorded on every segment it makes, e.g. "pocketsphinx".</summary>
    string Engine { get; }

    /// <summary>Transcribes the speech in <paramref name="mediaPath"/>. Times are seconds from the start
    /// of the file.</summary>
    /// <exception cref="SpeechEngineException">The engine refused the audio or answered something unusable.</exception>
    /// <exception cref="HttpRequestException">A speech server is unreachable or overloaded (worth retrying later).</exception>
    /// <exception cref="TimeoutException">A speech server did not answer in time (worth retrying later).</exception>
    Task<Transcript> TranscribeAsync(string mediaPath, CancellationToken cancellationToken);
}

/// <param name="Engine">The engine that made every segment.</param>
/// <param name="Segments">Phrases in time order.</param>
public sealed record Transcript(string Engine, IReadOnlyList<TranscriptSegmentData> Segments)
{
    /// <summary>What a user should know about how the clip was heard: which audio tracks were used,
    /// that it was silent, how many pieces it was cut into. Null when there is nothing to say.</summary>
    public string? Note { get; init; }

    /// <summary>How many pieces of audio went to the engine (0 when nothing needed transcribing).</summary>
    public int ChunksTranscribed { get; init; }
}

/// <summary>One phrase (an utterance between pauses) with its words.</summary>
/// <param name="Confidence">The engine's confidence for the phrase, 0..1; null when it gave none.</param>
public sealed record TranscriptSegmentData(double Start, double End, string Text, IReadOnlyList<TranscriptWord> Words, double? Confidence = null);

public sealed record TranscriptWord(string Word, double Start, double End, double Confidence);
