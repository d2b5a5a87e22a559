namespace Mam.Media.Capabilities;

/// <summary>What one part of the pipeline asks of ffmpeg. Each part declares its own beside the command
/// lines it builds (e.g. <see cref="Renditions.FfmpegRenditionMaker.Needs"/>), so a new filter in a
/// command and its check at start are one edit apart.</summary>
/// <param name="UsedFor">Plural, in the user's words: "proxies", "shot and QC analysis".</param>
public sealed record FfmpegNeeds(string UsedFor, IReadOnlyList<string> Encoders, IReadOnlyList<string> Filters)
{
    /// <summary>Every part of the pipeline that runs ffmpeg.</summary>
    public static IReadOnlyList<FfmpegNeeds> Pipeline { get; } =
    [
        Renditions.FfmpegRenditionMaker.Needs,
        Speech.Audio.AudioListener.Needs,
        Speech.Audio.ChunkCutter.Needs,
        Analysis.MediaPass.Needs,
        Analysis.Sampling.FrameGrabber.Needs,
        Waveforms.FfmpegWaveformReader.Needs,
    ];
}
