using Mam.Media.Analysis.Qc;

namespace Mam.Media.Analysis;

/// <summary>A time-coded finding as the analysis makes it, before the workers store it as a catalog tag.
/// Times are seconds from the clip's first frame.</summary>
public sealed record ClipFinding(
    FindingKind Kind, string Label, double Start, double End, double Confidence, string Source, double? Value = null, string? Detail = null);

/// <summary>What the analysis needs to know about a clip before it opens it (from the probe stage).</summary>
public sealed record ClipFacts(double DurationSeconds, bool HasVideo, bool HasAudio, double? FramesPerSecond = null);

/// <summary>Everything one analysis run found, and what it cost (the bench prints the cost).</summary>
public sealed record ClipAnalysis(IReadOnlyList<ClipFinding> Findings, QcResult Qc, AnalysisCost Cost, IReadOnlyList<string> Notes);

/// <summary>Wall-clock time of each part of one analysis run: the decode for cuts and QC, frame
/// extraction, OCR and vision (the bench splits the decode further).</summary>
public sealed record AnalysisCost(TimeSpan CutsAndQc, TimeSpan Sampling, TimeSpan Ocr, TimeSpan Vision, int Frames)
{
    public TimeSpan Total => CutsAndQc + Sampling + Ocr + Vision;
}

/// <summary>Analysis cannot run on this machine (a tool, Node or the models are missing); the message
/// says what to install. Raised before any clip is opened, so every clip fails the same clear way.</summary>
public sealed class AnalysisUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
