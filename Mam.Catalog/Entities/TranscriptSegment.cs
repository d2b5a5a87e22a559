namespace Mam.Catalog.Entities;

/// <summary>A spoken phrase with its words. Times are seconds from the first frame of the clip.</summary>
public sealed class TranscriptSegment
{
    public Guid Id { get; set; }
    public Guid AssetId { get; set; }
    public int Sequence { get; set; }
    public double Start { get; set; }
    public double End { get; set; }
    public required string Text { get; set; }
    public required string Engine { get; set; }
    /// <summary>The engine's confidence for the phrase, 0..1 (mean of its words when the engine only scores words).</summary>
    public double? Confidence { get; set; }
    public List<TranscriptWordTiming> Words { get; set; } = [];
}

public sealed record TranscriptWordTiming(string Word, double Start, double End, double Confidence);
