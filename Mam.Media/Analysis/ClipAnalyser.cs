using System.Diagnostics;
using System.Globalization;
using Mam.Hosting;
using Mam.Media.Analysis.Qc;
using Mam.Media.Analysis.Sampling;
using Mam.Media.Analysis.Text;
using Mam.Media.Analysis.Vision;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Media.Analysis;

/// <summary>The whole visual and technical analysis of one clip: one decode for cuts (scdet) and QC
/// measurements, then frames sampled per shot and at an interval, read for text (tesseract) and for
/// objects and faces (vision engine), then the QC verdict. A frame that cannot be read is skipped with
/// a note; a missing tool stops the run before any work, saying what to install.</summary>
public sealed class ClipAnalyser(
    AnalysisReadiness readiness,
    MediaPass mediaPass,
    FrameGrabber grabber,
    TesseractReader ocr,
    IVisionEngine vision,
    IOptions<AnalysisOptions> analysisOptions,
    IOptions<VisionOptions> visionOptions,
    IOptions<QcOptions> qcOptions,
    WorkFolders workFolders,
    ILogger<ClipAnalyser> logger)
{
    /// <summary>After this many frames the vision engine could not analyse, it is left out for the clip.</summary>
    private const int VisionFailuresTolerated = 3;

    public async Task<ClipAnalysis> AnalyseAsync(string mediaPath, ClipFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        readiness.ThrowIfNotReady();
        var options = analysisOptions.Value;
        var useOcr = options.OcrEnabled;
        var useVision = visionOptions.Value.Enabled;
        var notes = new List<string>();
        var findings = new List<ClipFinding>();
        var clock = Stopwatch.StartNew();
        TimeSpan samplingTime = default, ocrTime = default, visionTime = default;

        var pass = await mediaPass.RunAsync(mediaPath, facts, MediaPassParts.All, cancellationToken).ConfigureAwait(false);
        var passTime = Lap(clock);
        var shots = pass.Shots;
        IReadOnlyList<FrameSample> samples = [];
        var text = new TextFindings([], []);
        if (facts.HasVideo && facts.DurationSeconds > 0)
        {
            findings.AddRange(shots.Select(s => new ClipFinding(FindingKind.Shot, $"shot {s.Number}", Math.Round(s.Start, 3), Math.Round(s.End, 3),
                s.CutScore is { } score ? Math.Clamp(score / (2 * options.SceneThreshold), 0.5, 1) : 1, "scdet", s.CutScore)));

            samples = FramePlan.Choose(shots, facts.DurationSeconds, options.SampleInterval, options.MaxSamples);
            text = new TextFindings(samples, shots);
            var seen = new VisionFindings(samples, shots);
            using var work = workFolders.Create("analysis");
            var visionFailures = 0;
            foreach (var sample in samples)
            {
                clock.Restart();
                var frame = await GrabAsync(mediaPath, sample, work.Path, useOcr, useVision, notes, cancellationToken).ConfigureAwait(false);
                samplingTime += Lap(clock);
                if (frame is null)
                {
                    continue;
                }
                if (frame.OcrImage is { } ocrImage)
                {
                    text.Add(sample, await ocr.ReadAsync(ocrImage, cancellationToken).ConfigureAwait(false));
                    ocrTime += Lap(clock);
                }
                if (frame.VisionImage is { } visionImage && useVision)
                {
                    try
                    {
                        seen.Add(sample, await vision.AnalyseAsync(visionImage, cancellationToken).ConfigureAwait(false));
                    }
                    catch (ExternalProcessException ex) when (++visionFailures <= VisionFailuresTolerated)
                    {
                        logger.LogWarning(ex, "Vision could not analyse the frame at {Time} s of {Clip}", sample.Time, mediaPath);
                        notes.Add($"Objects and faces: frame at {Seconds(sample.Time)} not analysed ({ex.Message}).");
                        useVision = visionFailures < VisionFailuresTolerated;
                    }
                    visionTime += Lap(clock);
                }
                DeleteFrame(frame);
            }
            findings.AddRange(text.Findings());
            findings.AddRange(seen.Findings(vision.Name));
        }

        var slates = text.Findings().Where(f => f.Kind == FindingKind.Slate).Select(f => new TimeRange(f.Start, f.End)).ToList();
        var (report, qcFindings) = QcVerdict.Judge(pass.Qc, facts, qcOptions.Value, slates);
        findings.AddRange(qcFindings);

        var cost = new AnalysisCost(passTime, samplingTime, ocrTime, visionTime, samples.Count);
        logger.LogInformation("Analysed {Clip}: {Shots} shots, {Frames} frames, {Findings} findings, QC {Status} in {Seconds:0.0} s",
            Path.GetFileName(mediaPath), shots.Count, samples.Count, findings.Count, report.Level, cost.Total.TotalSeconds);
        return new ClipAnalysis(findings, report, cost, notes);
    }

    private async Task<GrabbedFrame?> GrabAsync(
        string mediaPath, FrameSample sample, string work, bool useOcr, bool useVision, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            var frame = await grabber.GrabAsync(mediaPath, sample, work, useOcr, useVision, cancellationToken).ConfigureAwait(false);
            if (frame is null)
            {
                notes.Add($"No picture could be decoded at {Seconds(sample.Time)}.");
            }
            return frame;
        }
        catch (ExternalProcessException ex) when (ex.ExitCode is not null)
        {
            // A corrupt stretch makes the decoder give up on that seek; the other frames still count.
            logger.LogWarning("Frame at {Time} s of {Clip} could not be extracted: {Error}", sample.Time, mediaPath, ex.Message);
            notes.Add($"No picture could be decoded at {Seconds(sample.Time)}.");
            return null;
        }
    }

    private static void DeleteFrame(GrabbedFrame frame)
    {
        foreach (var file in new[] { frame.OcrImage, frame.VisionImage })
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
    }

    private static TimeSpan Lap(Stopwatch clock)
    {
        var elapsed = clock.Elapsed;
        clock.Restart();
        return elapsed;
    }

    private static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");
}
