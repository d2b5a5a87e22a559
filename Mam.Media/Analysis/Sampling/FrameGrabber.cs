using System.Globalization;
using Mam.Media.Processes;
using Microsoft.Extensions.Options;
using Mam.Media.Capabilities;

namespace Mam.Media.Analysis.Sampling;

/// <summary>The picture files of one sampled frame: a grey image for OCR and, when vision runs, an
/// RGB one for the models. Either may be null when that reader is off.</summary>
public sealed record GrabbedFrame(FrameSample Sample, string? OcrImage, string? VisionImage);

/// <summary>Extracts sampled frames with one fast (input) seek each, so the cost is a few decoded
/// frames per sample whatever the clip's length. One ffmpeg run writes both sizes.</summary>
public sealed class FrameGrabber
{
    private readonly ProcessRunner _runner;
    private readonly MediaToolsOptions _tools;
    private readonly AnalysisOptions _options;

    /// <summary>What a grab asks of ffmpeg, checked at start.</summary>
    public static FfmpegNeeds Needs { get; } = new("on-screen text and vision", ["pgm", "ppm"], ["scale", "format", "split"]);

    public FrameGrabber(ProcessRunner runner, IOptions<MediaToolsOptions> tools, IOptions<AnalysisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _tools = tools.Value;
        _options = options.Value;
    }

    /// <summary>Null when nothing could be decoded at or after that time (a corrupt range at the end).</summary>
    public async Task<GrabbedFrame?> GrabAsync(string mediaPath, FrameSample sample, string workFolder, bool forOcr, bool forVision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!forOcr && !forVision)
        {
            return new GrabbedFrame(sample, null, null);
        }

        var stem = Path.Combine(workFolder, sample.Index.ToString("D5", CultureInfo.InvariantCulture));
        var ocrImage = forOcr ? stem + "-ocr.pgm" : null;
        var visionImage = forVision ? stem + "-vision.ppm" : null;
        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y",
            "-ss", sample.Time.ToString("0.###", CultureInfo.InvariantCulture), "-i", Path.GetFullPath(mediaPath),
        };
        var chains = new List<string>();
        var outputs = new List<string>();
        if (ocrImage is not null)
        {
            // Grey is all tesseract uses; PNM needs no encoding, so writing and reading it is nearly free.
            chains.Add(string.Create(CultureInfo.InvariantCulture, $"scale=w='trunc(min({_options.OcrWidth},iw)/2)*2':h=-2,format=gray[ocr]"));
            outputs.AddRange(["-map", "[ocr]", "-frames:v", "1", "-f", "image2", "-c:v", "pgm", "-update", "1", ocrImage]);
        }
        if (visionImage is not null)
        {
            chains.Add(string.Create(CultureInfo.InvariantCulture, $"scale=w='trunc(min({_options.VisionWidth},iw)/2)*2':h=-2,format=rgb24[vision]"));
            outputs.AddRange(["-map", "[vision]", "-frames:v", "1", "-f", "image2", "-c:v", "ppm", "-update", "1", visionImage]);
        }
        var graph = chains.Count == 1
            ? $"[0:v:0]{chains[0]}"
            : $"[0:v:0]split=2[a][b];[a]{chains[0]};[b]{chains[1]}";
        arguments.AddRange(["-filter_complex", graph, .. outputs]);

        await _runner.RunAsync(_tools.FfmpegPath, arguments, _tools.StageTimeout, cancellationToken).ConfigureAwait(false);
        var wrote = (ocrImage is null || NonEmpty(ocrImage)) && (visionImage is null || NonEmpty(visionImage));
        return wrote ? new GrabbedFrame(sample, ocrImage, visionImage) : null;
    }

    private static bool NonEmpty(string path) => File.Exists(path) && new FileInfo(path).Length > 0;
}
