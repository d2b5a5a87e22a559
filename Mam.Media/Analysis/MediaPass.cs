using System.Globalization;
using Mam.Media.Analysis.Qc;
using Mam.Media.Analysis.Shots;
using Mam.Media.Processes;
using Microsoft.Extensions.Options;
using Mam.Media.Capabilities;

namespace Mam.Media.Analysis;

/// <summary>What one decode of the clip should measure.</summary>
[Flags]
public enum MediaPassParts
{
    /// <summary>Cuts (scdet), which make the shots.</summary>
    Cuts = 1,

    /// <summary>Black, freeze, lost frames, silence, loudness and true peak.</summary>
    Qc = 2,

    All = Cuts | Qc,
}

public sealed record MediaPassResult(IReadOnlyList<Shot> Shots, QcMeasurements Qc);

/// <summary>Everything ffmpeg's filters measure over a whole clip, in one decode: decoding a 1080p
/// ProRes minute costs ~7.5 CPU-seconds here, more than the filters on top of it, so cuts and QC share
/// it. The picture is measured small (the filters judge whole frames) with the cheapest scaler.</summary>
public sealed class MediaPass
{
    private const int MeasureWidth = 480;

    /// <summary>What the pass asks of ffmpeg (the null muxer takes wrapped_avframe and pcm_s16le), checked at start.
    /// scdet came with ffmpeg 4.4; older builds fail here rather than on every clip.</summary>
    public static FfmpegNeeds Needs { get; } = new("shot detection and QC",
        ["wrapped_avframe", "pcm_s16le"], ["scale", "scdet", "metadata", "blackdetect", "freezedetect", "silencedetect", "ebur128"]);

    private readonly ProcessRunner _runner;
    private readonly MediaToolsOptions _tools;
    private readonly AnalysisOptions _analysis;
    private readonly QcOptions _qc;

    public MediaPass(ProcessRunner runner, IOptions<MediaToolsOptions> tools, IOptions<AnalysisOptions> analysis, IOptions<QcOptions> qc)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(qc);
        _runner = runner;
        _tools = tools.Value;
        _analysis = analysis.Value;
        _qc = qc.Value;
    }

    public async Task<MediaPassResult> RunAsync(string mediaPath, ClipFacts facts, MediaPassParts parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var cuts = new List<(double Time, double Score)>();
        var log = new QcLog(facts.DurationSeconds, facts.FramesPerSecond);
        var findCuts = parts.HasFlag(MediaPassParts.Cuts) && facts.HasVideo;
        var measureQc = parts.HasFlag(MediaPassParts.Qc);

        var chains = new List<string>();
        var maps = new List<string>();
        if (facts.HasVideo && (findCuts || measureQc))
        {
            var video = new List<string> { $"[0:v:0]scale={MeasureWidth}:-2:flags=fast_bilinear" };
            if (findCuts)
            {
                video.Add($"scdet=threshold={N(_analysis.SceneThreshold)}");
            }
            if (measureQc)
            {
                // Every decoded frame's timestamp goes to the log: a run of missing ones is a corrupt range.
                video.Add($"metadata=mode=add:key={QcLog.FrameKey}:value=1,metadata=mode=print:key={QcLog.FrameKey}");
                video.Add($"blackdetect=d={N(_qc.BlackMinSeconds)}:pix_th={N(_qc.BlackPixelThreshold)}");
                video.Add($"freezedetect=n={N(_qc.FreezeNoiseDb)}dB:d={N(_qc.FreezeMinSeconds)}");
            }
            chains.Add(string.Join(',', video) + "[v]");
            maps.AddRange(["-map", "[v]"]);
        }
        if (facts.HasAudio && measureQc)
        {
            // framelog=verbose keeps ebur128's ten lines a second out of an info-level log; its summary stays.
            chains.Add($"[0:a:0]silencedetect=n={N(_qc.SilenceThresholdDb)}dB:d={N(_qc.SilenceMinSeconds)},ebur128=framelog=verbose:peak=true[a]");
            maps.AddRange(["-map", "[a]"]);
        }
        if (chains.Count == 0)
        {
            return new MediaPassResult(ScdetLog.ToShots([], facts.DurationSeconds), log.Result());
        }

        // One decode of the whole clip: ~11 CPU-minutes per hour of 1080p (bench/analysis), so a 4-hour
        // clip would outrun the fixed tool timeout; allow half the clip's length on top of it.
        var timeout = _tools.StageTimeout + TimeSpan.FromSeconds(facts.DurationSeconds / 2);
        await _runner.RunAsync(_tools.FfmpegPath,
        [
            "-nostdin", "-hide_banner", "-nostats", "-v", "info",
            "-i", Path.GetFullPath(mediaPath),
            "-filter_complex", string.Join(';', chains),
            .. maps,
            "-f", "null", "-",
        ], timeout, line =>
        {
            if (findCuts && ScdetLog.ParseCut(line) is { } cut)
            {
                cuts.Add(cut);
            }
            else
            {
                log.Read(line);
            }
        }, cancellationToken).ConfigureAwait(false);

        return new MediaPassResult(facts.HasVideo ? ScdetLog.ToShots(cuts, facts.DurationSeconds) : [], log.Result());
    }

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
