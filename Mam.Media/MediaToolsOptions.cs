using System.ComponentModel.DataAnnotations;

namespace Mam.Media;

/// <summary>Where the media tools live and how long one stage (a proxy, a transcript) may run.
/// Section "MediaTools".</summary>
public sealed class MediaToolsOptions : IValidatableObject
{
    public const string SectionName = "MediaTools";

    [Required]
    public string FfmpegPath { get; set; } = "/usr/bin/ffmpeg";

    [Required]
    public string FfprobePath { get; set; } = "/usr/bin/ffprobe";

    [Required]
    public string PocketsphinxPath { get; set; } = "/usr/bin/pocketsphinx_continuous";

    /// <summary>A tool still running after this is killed; a hung ffmpeg must not block a worker forever.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan StageTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Absolute paths only: a bare name would depend on the service's PATH, which differs between
        // a shell and systemd, and the "not found" message could not say where we looked.
        foreach (var (name, value) in new[]
                 {
                     (nameof(FfmpegPath), FfmpegPath), (nameof(FfprobePath), FfprobePath),
                     (nameof(PocketsphinxPath), PocketsphinxPath),
                 })
        {
            if (!string.IsNullOrWhiteSpace(value) && !Path.IsPathRooted(value))
            {
                yield return new ValidationResult($"MediaTools:{name} must be an absolute path, got '{value}'.", [name]);
            }
        }
    }
}
