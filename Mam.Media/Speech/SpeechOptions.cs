using System.ComponentModel.DataAnnotations;
using Mam.Media.Speech.OpenAi;

namespace Mam.Media.Speech;

public enum SpeechEngineKind
{
    /// <summary>CMU pocketsphinx on this machine: offline, CPU only, US English.</summary>
    Pocketsphinx,

    /// <summary>Any server speaking OpenAI's <c>POST /v1/audio/transcriptions</c>: OpenAI itself,
    /// faster-whisper-server, whisper.cpp's server.</summary>
    OpenAi,
}

/// <summary>Section "Speech": which engine transcribes, and how silence is told from sound.</summary>
public sealed class SpeechOptions : IValidatableObject
{
    public const string Section = "Speech";

    public SpeechEngineKind Engine { get; set; } = SpeechEngineKind.Pocketsphinx;

    /// <summary>Quieter than this (dBFS) counts as silence, both for finding the tracks that carry sound
    /// and for finding the pauses long clips are cut at. Room tone on a set mic sits well below -50.</summary>
    [Range(-90.0, -10.0)]
    public double SilenceThresholdDb { get; set; } = -45;

    /// <summary>A quiet stretch at least this long is a pause a clip may be cut at.</summary>
    [Range(0.1, 10.0)]
    public double MinSilenceSeconds { get; set; } = 0.5;

    public PocketsphinxSpeechOptions Pocketsphinx { get; set; } = new();

    public OpenAiSpeechOptions OpenAi { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // DataAnnotations do not look inside nested objects; the engine's own section is checked here,
        // and the OpenAI one only when it is the engine in use (its URL has no sensible default).
        var nested = new List<(string Prefix, object Options)> { ("Pocketsphinx", Pocketsphinx) };
        if (Engine == SpeechEngineKind.OpenAi)
        {
            nested.Add(("OpenAi", OpenAi));
        }

        foreach (var (prefix, options) in nested)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"Speech:{prefix}: {result.ErrorMessage}",
                    result.MemberNames.Select(m => $"{prefix}.{m}").ToList());
            }
        }
    }
}

/// <summary>Section "Speech:Pocketsphinx".</summary>
public sealed class PocketsphinxSpeechOptions
{
    /// <summary>pocketsphinx streams any length, but pieces keep a 4-hour clip's progress visible and
    /// its memory flat; a pause near this length is where the clip is cut.</summary>
    [Range(30.0, 14_400.0)]
    public double MaxChunkSeconds { get; set; } = 1800;
}
