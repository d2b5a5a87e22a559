using System.ComponentModel.DataAnnotations;

namespace Mam.Media.Speech.OpenAi;

/// <summary>Section "Speech:OpenAi": a server speaking OpenAI's audio transcription API
/// (https://platform.openai.com/docs/api-reference/audio/createTranscription).</summary>
public sealed class OpenAiSpeechOptions : IValidatableObject
{
    /// <summary>The API root, as OpenAI's own clients take it: "https://api.openai.com/v1",
    /// "http://gpu1:8000/v1" (faster-whisper-server), "http://gpu1:8080/v1" (whisper.cpp server started
    /// with <c>--inference-path /v1/audio/transcriptions</c>). "audio/transcriptions" is appended.</summary>
    [Required]
    public string? BaseUrl { get; set; }

    /// <summary>Sent as the "model" field: "whisper-1" at OpenAI, the loaded model's name on a
    /// faster-whisper-server ("Systran/faster-whisper-large-v3"); whisper.cpp ignores it.</summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string Model { get; set; } = "whisper-1";

    /// <summary>Sent as "Authorization: Bearer …" when set. Self-hosted servers usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>ISO-639-1 hint ("en"); empty lets the server detect the language.</summary>
    [RegularExpression("^[a-z]{2,3}$")]
    public string? Language { get; set; }

    /// <summary>How long one piece of audio may take to come back. A GPU server needs seconds for ten
    /// minutes of audio; a queue of other jobs can add minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The biggest upload the server takes (OpenAI: 25 MB). At 16 kHz mono 16-bit WAV that is
    /// 32 kB per second, so this also caps the length of a piece.</summary>
    [Range(typeof(long), "65536", "2147483648")]
    public long MaxUploadBytes { get; set; } = 25L * 1000 * 1000;

    /// <summary>The longest piece sent at once. Whisper models hear 30-second windows internally; longer
    /// pieces only save requests.</summary>
    [Range(10.0, 7200.0)]
    public double MaxChunkSeconds { get; set; } = 600;

    /// <summary>Quick retries of one piece when the server is unreachable, overloaded (429, 5xx) or slow,
    /// before the whole stage is handed back to be retried later.</summary>
    [Range(0, 10)]
    public int RetriesPerChunk { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl)
            && !(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"BaseUrl must be an absolute http(s) URL such as http://gpu1:8000/v1, got '{BaseUrl}'.", [nameof(BaseUrl)]);
        }
    }
}
