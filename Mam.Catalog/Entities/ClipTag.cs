namespace Mam.Catalog.Entities;

/// <summary>What a finding is about; the search page facets and the clip timeline colour by it.</summary>
public enum TagKind
{
    /// <summary>A shot: Start is the cut (scdet), End the next cut.</summary>
    Shot,
    /// <summary>On-screen text read by OCR (lower thirds, supers, signs). Label is the text.</summary>
    Text,
    /// <summary>A slate whose text parsed into scene/take. Label "scene 12 take 3"; Detail keeps the raw text.</summary>
    Slate,
    /// <summary>An object class seen in the frame ("person", "car", "dog"...).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Editors call it an object; the name is stored and shown as is.")]
    Object,
    /// <summary>Faces seen in the frame; Value is how many.</summary>
    Face,
    /// <summary>A QC finding or measurement ("black", "silence", "freeze", "loudness", "true peak").</summary>
    Qc,
}

/// <summary>A time-coded finding about a clip with where it came from and how sure the engine was.
/// Times are seconds from the first frame of the clip, like transcript segments.</summary>
public sealed class ClipTag
{
    public Guid Id { get; set; }
    public Guid AssetId { get; set; }
    public TagKind Kind { get; set; }
    /// <summary>What an editor would type: "person", "harbour master", "scene 12 take 3", "black".</summary>
    public required string Label { get; set; }
    public double Start { get; set; }
    public double End { get; set; }
    /// <summary>0..1; 1 for measurements that are not guesses (black, silence, loudness).</summary>
    public double Confidence { get; set; }
    /// <summary>The engine or filter that found it: "scdet", "tesseract", "human", "blackdetect", "ebur128"...</summary>
    public required string Source { get; set; }
    /// <summary>A number that goes with the finding: face count, LUFS, dBTP, freeze length.</summary>
    public double? Value { get; set; }
    /// <summary>Anything else worth showing (raw OCR text of a slate, scene/take fields).</summary>
    public string? Detail { get; set; }
}
