namespace Mam.Catalog.Entities;

/// <summary>A clip recognised on a card, with what the pipeline learnt about it.</summary>
public sealed class Asset
{
    public Guid Id { get; set; }
    public Guid CardId { get; set; }
    public Card? Card { get; set; }
    /// <summary>The clip's file name without extension, as the camera named it (A001C003_261121_R1AB).</summary>
    public required string ClipName { get; set; }
    public Guid SourceFileId { get; set; }
    public CardFile? SourceFile { get; set; }
    public DateTime CreatedAt { get; set; }
    public TechnicalMetadata? Technical { get; set; }
    public List<Rendition> Renditions { get; set; } = [];
    public List<PipelineStage> Stages { get; set; } = [];
    public List<TranscriptSegment> TranscriptSegments { get; set; } = [];
    public List<ClipTag> Tags { get; set; } = [];
    /// <summary>QC verdict of the analysis stage; null until it has run.</summary>
    public QcReport? Qc { get; set; }
}

/// <summary>Probe results (owned by the asset; null until the probe stage is done).</summary>
public sealed class TechnicalMetadata
{
    public required string Container { get; set; }
    public double? DurationSeconds { get; set; }
    public int? FrameRateNumerator { get; set; }
    public int? FrameRateDenominator { get; set; }
    public string? StartTimecode { get; set; }
    public string? VideoCodec { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public int AudioStreams { get; set; }
    /// <summary>Human summary, e.g. "2 × pcm_s24le mono 48 kHz".</summary>
    public string? AudioLayout { get; set; }
    /// <summary>When the camera recorded the clip (container creation_time), if it says.</summary>
    public DateTime? RecordedAt { get; set; }
}
