using Mam.Media.Analysis.Vision;
using Microsoft.Extensions.Options;

namespace Mam.Media.Analysis;

/// <summary>Can this machine analyse clips? Checked by the readiness endpoint, at worker start-up and
/// before each clip, so a missing install shows as one clear message instead of a failure per clip.
/// Only file checks: cheap enough to run every time.</summary>
public sealed class AnalysisReadiness(IOptions<MediaToolsOptions> tools, IOptions<AnalysisOptions> analysis, IOptions<VisionOptions> vision)
{
    /// <summary>One message per missing piece, each saying what to install or configure; empty when ready.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!File.Exists(tools.Value.FfmpegPath))
        {
            problems.Add($"Analysis needs ffmpeg, not found at {tools.Value.FfmpegPath}: install it with apt-get install ffmpeg (infra/install-deps.sh).");
        }
        if (analysis.Value.OcrEnabled && !File.Exists(analysis.Value.TesseractPath))
        {
            problems.Add($"On-screen text needs tesseract, not found at {analysis.Value.TesseractPath}: install it with apt-get install tesseract-ocr tesseract-ocr-eng (infra/install-deps.sh), or set Analysis:OcrEnabled=false.");
        }
        if (vision.Value.Enabled && VisionInstallation.Locate(vision.Value).Problem is { } problem)
        {
            problems.Add(problem);
        }
        return problems;
    }

    /// <summary>What runs, for the health report: "shots, text, objects and faces, QC".</summary>
    public string Describe() => string.Join(", ", new[]
    {
        "shots",
        analysis.Value.OcrEnabled ? "text" : null,
        vision.Value.Enabled ? $"objects and faces ({VisionInstallation.Locate(vision.Value).Directory})" : null,
        "QC",
    }.Where(p => p is not null));

    /// <exception cref="AnalysisUnavailableException">Something is missing.</exception>
    public void ThrowIfNotReady()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new AnalysisUnavailableException(string.Join(' ', problems));
        }
    }
}
