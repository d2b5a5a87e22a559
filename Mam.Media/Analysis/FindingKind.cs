namespace Mam.Media.Analysis;

/// <summary>What a finding is about. The workers store it as the catalog's tag kind of the same name.</summary>
public enum FindingKind
{
    /// <summary>A shot: Start is the cut (scdet), End the next cut.</summary>
    Shot,
    /// <summary>On-screen text read by OCR (lower thirds, supers, signs). Label is the text.</summary>
    Text,
    /// <summary>A slate whose text parsed into scene/take. Label "scene 12 take 3"; Detail keeps the raw text.</summary>
    Slate,
    /// <summary>An object class seen in the frame ("person", "car", "dog"...).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Editors call it an object.")]
    Object,
    /// <summary>Faces seen in the frame; Value is how many.</summary>
    Face,
    /// <summary>A QC finding or measurement ("black", "silence", "freeze", "loudness", "true peak").</summary>
    Qc,
}
