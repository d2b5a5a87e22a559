namespace Mam.Media.Capabilities;

/// <summary>The configured ffmpeg measured against what the pipeline needs, for the start-up check and
/// <c>/health/ready</c>.</summary>
/// <param name="Version">Null when ffmpeg could not be asked at all (missing, not executable).</param>
/// <param name="Encoders">Each encoder the pipeline needs and whether this ffmpeg has it.</param>
/// <param name="Filters">Each filter the pipeline needs and whether this ffmpeg has it.</param>
/// <param name="HardwareEncoders">Present for a later hardware proxy profile; the pipeline does not use them yet.</param>
/// <param name="Problems">One sentence per shortfall, each saying what to install or set; empty when ready.</param>
public sealed record FfmpegReport(
    string FfmpegPath,
    string? Version,
    IReadOnlyDictionary<string, bool> Encoders,
    IReadOnlyDictionary<string, bool> Filters,
    IReadOnlyList<string> HardwareAccelerators,
    IReadOnlyList<string> HardwareEncoders,
    IReadOnlyList<string> Problems)
{
    public bool IsReady => Problems.Count == 0;
}
