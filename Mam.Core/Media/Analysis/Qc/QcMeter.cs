using System.Globalization;
using Mam.Core.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Core.Media.Analysis.Qc;

/// <summary>Measures black, freeze, silence, loudness (EBU R128 integrated) and true peak in one decode
/// of the clip with ffmpeg's filters, and notes every decoded frame so a corrupt range shows up as a gap.</summary>
public sealed class QcMeter
{
    /// <summary>Black and freeze are judged on the whole picture; a small one gives the same answer for less work.</summary>
    private const int MeasureWidth = 480;

    private readonly ProcessRunner _runner;
    private readonly MediaToolsOptions _tools;
    private readonly QcOptions _options;

    public QcMeter(ProcessRunner runner, IOptions<MediaToolsOptions> tools, IOptions<QcOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _tools = tools.Value;
        _options = options.Value;
    }

    public async Task<QcMeasurements> MeasureAsync(string mediaPath, ClipFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var log = new QcLog(facts.DurationSeconds, facts.FramesPerSecond);
        if (!facts.HasVideo && !facts.HasAudio)
        {
            return log.Result();
        }

        var chains = new List<string>();
        var maps = new List<string>();
        if (facts.HasVideo)
        {
            chains.Add(string.Create(CultureInfo.InvariantCulture,
                $"[0:v:0]scale={MeasureWidth}:-2,metadata=mode=add:key={QcLog.FrameKey}:value=1,metadata=mode=print:key={QcLog.FrameKey}," +
                $"blackdetect=d={N(_options.BlackMinSeconds)}:pix_th={N(_options.BlackPixelThreshold)}," +
                $"freezedetect=n={N(_options.FreezeNoiseDb)}dB:d={N(_options.FreezeMinSeconds)}[v]"));
            maps.AddRange(["-map", "[v]"]);
        }
        if (facts.HasAudio)
        {
            // framelog=verbose keeps ebur128's ten lines a second out of an info-level log; its summary stays.
            chains.Add(string.Create(CultureInfo.InvariantCulture,
                $"[0:a:0]silencedetect=n={N(_options.SilenceThresholdDb)}dB:d={N(_options.SilenceMinSeconds)},ebur128=framelog=verbose:peak=true[a]"));
            maps.AddRange(["-map", "[a]"]);
        }

        await _runner.RunAsync(_tools.FfmpegPath,
        [
            "-nostdin", "-hide_banner", "-nostats", "-v", "info",
            "-i", Path.GetFullPath(mediaPath),
            "-filter_complex", string.Join(';', chains),
            .. maps,
            "-f", "null", "-",
        ], _tools.StageTimeout, log.Read, cancellationToken).ConfigureAwait(false);
        return log.Result();
    }

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
