namespace Mam.Media.Speech;

/// <summary>One speech-to-text engine. It hears one short piece of audio at a time; cutting a clip into
/// such pieces and putting the phrases back on the clip's clock is <see cref="ClipTranscriber"/>'s job.</summary>
public interface ISpeechEngine
{
    /// <summary>Recorded on every segment the engine makes, e.g. "pocketsphinx" or "openai:whisper-1".</summary>
    string Name { get; }

    /// <summary>The longest piece of audio one call accepts; longer clips are cut on silence first.</summary>
    double MaxChunkSeconds { get; }

    /// <summary>Phrases in <paramref name="chunk"/>, timed in seconds from the start of the chunk.</summary>
    /// <exception cref="SpeechEngineException">The engine refused the audio or answered something unusable.</exception>
    Task<IReadOnlyList<TranscriptSegmentData>> TranscribeAsync(SpeechChunk chunk, CancellationToken cancellationToken);
}

/// <summary>A piece of a clip's audio as the engines want it: 16 kHz mono 16-bit PCM WAV.</summary>
public sealed record SpeechChunk(string WavPath, double DurationSeconds);

/// <summary>The speech engine refused the audio or answered something that cannot be a transcript.
/// Not worth retrying: the same audio would get the same answer. The message names the engine or
/// server and is fit for a user.</summary>
public sealed class SpeechEngineException(string message, Exception? inner = null) : Exception(message, inner);
