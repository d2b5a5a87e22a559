namespace Mam.Media.Analysis.Vision;

/// <summary>An object class seen in a frame with the model's score (0–1), e.g. ("car", 0.71).</summary>
public sealed record SeenObject(string Label, double Score);

/// <summary>A face seen in a frame with the detector's score (0–1).</summary>
public sealed record SeenFace(double Score);

public sealed record VisionFrame(IReadOnlyList<SeenObject> Objects, IReadOnlyList<SeenFace> Faces);

/// <summary>Objects and faces in one still frame. The default runs @vladmandic/human in a local Node
/// process; a GPU service over HTTP can take its place by implementing this (see docs/analysis.md).</summary>
public interface IVisionEngine
{
    /// <summary>Stored as the tags' source, e.g. "human".</summary>
    string Name { get; }

    /// <summary>Analyses a binary PPM (P6, 8-bit RGB) frame.</summary>
    /// <exception cref="AnalysisUnavailableException">The engine cannot run at all on this machine.</exception>
    Task<VisionFrame> AnalyseAsync(string rgbFramePath, CancellationToken cancellationToken);
}
