using System.Globalization;
using Mam.Core.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Core.Media.Analysis.Shots;

/// <summary>Finds cuts with ffmpeg's scdet filter in one decode of the clip.</summary>
public sealed class ShotDetector
{
    /// <summary>Cut detection compares whole frames; a small picture finds the same cuts for a fraction of the work.</summary>
    private const int DetectionWidth = 320;

    private readonly ProcessRunner _runner;
    private readonly MediaToolsOptions _tools;
    private readonly AnalysisOptions _options;

    public ShotDetector(ProcessRunner runner, IOptions<MediaToolsOptions> tools, IOptions<AnalysisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _tools = tools.Value;
        _options = options.Value;
    }

    public async Task<IReadOnlyList<Shot>> FindShotsAsync(string mediaPath, double durationSeconds, CancellationToken cancellationToken)
    {
        var cuts = new List<(double Time, double Score)>();
        var threshold = _options.SceneThreshold.ToString("0.###", CultureInfo.InvariantCulture);
        await _runner.RunAsync(_tools.FfmpegPath,
        [
            "-nostdin", "-hide_banner", "-nostats", "-v", "info",
            "-i", Path.GetFullPath(mediaPath),
            "-map", "0:v:0", "-an", "-sn", "-dn",
            "-vf", $"scale={DetectionWidth}:-2,scdet=threshold={threshold}",
            "-f", "null", "-",
        ], _tools.StageTimeout, line =>
        {
            if (ScdetLog.ParseCut(line) is { } cut)
            {
                cuts.Add(cut);
            }
        }, cancellationToken).ConfigureAwait(false);
        return ScdetLog.ToShots(cuts, durationSeconds);
    }
}
