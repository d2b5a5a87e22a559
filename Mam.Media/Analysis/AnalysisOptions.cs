using System.ComponentModel.DataAnnotations;

namespace Mam.Media.Analysis;

/// <summary>How the analysis stage samples and reads a clip. Section "Analysis".</summary>
public sealed class AnalysisOptions : IValidatableObject
{
    public const string Section = "Analysis";

    /// <summary>scdet's threshold (0–100, the percentage of picture change that counts as a cut).
    /// 10 is ffmpeg's default; lower finds soft cuts and dissolves but also fast pans.</summary>
    [Range(1.0, 100.0)]
    public double SceneThreshold { get; set; } = 10;

    /// <summary>Besides one frame in the middle of each shot, one frame every this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>At most this many frames per clip are read (OCR and vision cost per frame).</summary>
    [Range(1, 5000)]
    public int MaxSamples { get; set; } = 150;

    /// <summary>Width of the frames the vision models see (they work at about this size anyway).</summary>
    [Range(160, 3840)]
    public int VisionWidth { get; set; } = 960;

    /// <summary>Width of the frames OCR reads; small supers need the pixels, so larger than vision.</summary>
    [Range(320, 7680)]
    public int OcrWidth { get; set; } = 1280;

    /// <summary>Read on-screen text (tesseract). Off saves about half a second per sampled frame.</summary>
    public bool OcrEnabled { get; set; } = true;

    [Required]
    public string TesseractPath { get; set; } = "/usr/bin/tesseract";

    /// <summary>Tesseract language(s), e.g. "eng" or "eng+fra" (each needs its tesseract-ocr-LANG package).</summary>
    [Required]
    [RegularExpression("^[a-z_]{3,8}(\\+[a-z_]{3,8})*$")]
    public string OcrLanguage { get; set; } = "eng";

    /// <summary>Words tesseract is less sure of than this (0–100) are dropped: picture texture read as
    /// letters scores below ~70, real supers above ~85.</summary>
    [Range(0.0, 100.0)]
    public double OcrMinConfidence { get; set; } = 75;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TesseractPath) && !Path.IsPathRooted(TesseractPath))
        {
            yield return new ValidationResult($"Analysis:TesseractPath must be an absolute path, got '{TesseractPath}'.", [nameof(TesseractPath)]);
        }
    }
}

/// <summary>Objects and faces with @vladmandic/human in a Node process. Section "Analysis:Vision".</summary>
public sealed class VisionOptions : IValidatableObject
{
    public const string Section = "Analysis:Vision";

    /// <summary>Off on a machine without Node: shots, text and QC still run.</summary>
    public bool Enabled { get; set; } = true;

    [Required]
    public string NodePath { get; set; } = "/usr/bin/node";

    /// <summary>The folder holding server.js, package.json and node_modules (after "npm ci"). Empty:
    /// Mam.Workers/Vision of the source tree the service runs from.</summary>
    public string? Directory { get; set; }

    [Range(0.05, 1.0)]
    public double ObjectMinScore { get; set; } = 0.4;

    [Range(0.05, 1.0)]
    public double FaceMinScore { get; set; } = 0.5;

    /// <summary>Loading the models (once per worker process).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>One frame; a sidecar that takes longer is presumed hung and restarted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(NodePath) && !Path.IsPathRooted(NodePath))
        {
            yield return new ValidationResult($"Analysis:Vision:NodePath must be an absolute path, got '{NodePath}'.", [nameof(NodePath)]);
        }
        if (!string.IsNullOrWhiteSpace(Directory) && !Path.IsPathRooted(Directory))
        {
            yield return new ValidationResult($"Analysis:Vision:Directory must be an absolute path, got '{Directory}'.", [nameof(Directory)]);
        }
    }
}

/// <summary>What counts as a QC finding. Section "Analysis:Qc".</summary>
public sealed class QcOptions
{
    public const string Section = "Analysis:Qc";

    /// <summary>Black shorter than this is a cut through black, not a finding.</summary>
    [Range(0.04, 60.0)]
    public double BlackMinSeconds { get; set; } = 0.5;

    /// <summary>blackdetect's pix_th: how dark (0–1 of the luma range) a pixel must be to count as black.</summary>
    [Range(0.0, 1.0)]
    public double BlackPixelThreshold { get; set; } = 0.10;

    [Range(0.5, 3600.0)]
    public double SilenceMinSeconds { get; set; } = 2;

    /// <summary>Below this level (dBFS) audio counts as silence. Room tone sits around -60 to -45.</summary>
    [Range(-90.0, -10.0)]
    public double SilenceThresholdDb { get; set; } = -50;

    [Range(0.2, 3600.0)]
    public double FreezeMinSeconds { get; set; } = 2;

    /// <summary>freezedetect's noise tolerance (dB): frames closer than this count as the same picture.</summary>
    [Range(-90.0, -10.0)]
    public double FreezeNoiseDb { get; set; } = -60;

    /// <summary>Integrated loudness above this (LUFS) is flagged loud (EBU R128 broadcast target: -23).</summary>
    [Range(-70.0, 0.0)]
    public double LoudAboveLufs { get; set; } = -16;

    /// <summary>Integrated loudness below this (LUFS) is flagged very quiet (a muted or unplugged mic).</summary>
    [Range(-70.0, 0.0)]
    public double QuietBelowLufs { get; set; } = -45;

    /// <summary>True peak above this (dBTP) is flagged as hot: likely clipping after encoding (R128: -1).</summary>
    [Range(-30.0, 6.0)]
    public double MaxTruePeakDbtp { get; set; } = -1;
}
