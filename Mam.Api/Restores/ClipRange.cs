using Mam.Catalog.Entities;
using Mam.Media.Probing;
using Mam.Media.Timecodes;

namespace Mam.Api.Restores;

/// <summary>A range of one clip asked for in its own timecode: checked against where the clip starts
/// and ends, and turned into seconds from its first frame.</summary>
/// <param name="From">First frame, as asked (normalised: HH:MM:SS:FF or ;FF).</param>
/// <param name="To">End, exclusive.</param>
/// <param name="ClipSeconds">The whole clip's duration.</param>
public sealed record ClipRange(string From, string To, double StartSeconds, double EndSeconds, FrameRate Rate, string ClipStart, double ClipSeconds)
{
    public double Seconds => EndSeconds - StartSeconds;

    /// <returns>The range, or null with <paramref name="problem"/> naming what is wrong and the clip's own range.</returns>
    public static ClipRange? TryRead(string clipName, TechnicalMetadata? technical, string? from, string? to, out string? problem)
    {
        if (technical is not { FrameRateNumerator: > 0, FrameRateDenominator: > 0, DurationSeconds: > 0 })
        {
            problem = $"{clipName} has no frame rate and duration yet (it has not been probed, or it is not video): a range cannot be cut from it. Restore the whole clip instead (\"assets\").";
            return null;
        }
        var rate = new FrameRate(technical.FrameRateNumerator!.Value, technical.FrameRateDenominator!.Value);
        var start = string.IsNullOrWhiteSpace(technical.StartTimecode)
            ? new Timecode(0, 0, 0, 0, Timecode.DropFrameIsUsual(rate))
            : Timecode.Parse(technical.StartTimecode, rate);
        var startFrame = start.ToFrames(rate);
        var endFrame = startFrame + (long)Math.Floor((technical.DurationSeconds!.Value * rate.Numerator / rate.Denominator) + 1e-6);
        var clipRange = $"{clipName} runs from {start} to {Timecode.FromFrames(endFrame, rate, start.DropFrame)} (end exclusive, {rate} fps)";
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            problem = $"A range needs both \"from\" and \"to\" timecodes (HH:MM:SS:FF); {clipRange}.";
            return null;
        }
        if (!Timecode.TryParse(from, rate, out var first) || !Timecode.TryParse(to, rate, out var last))
        {
            problem = $"\"from\" ({from}) and \"to\" ({to}) must be timecodes HH:MM:SS:FF valid at the clip's rate; {clipRange}.";
            return null;
        }
        var (fromFrame, toFrame) = (first.ToFrames(rate), last.ToFrames(rate));
        if (toFrame <= fromFrame)
        {
            problem = $"\"to\" ({last}) must come after \"from\" ({first}); {clipRange}.";
            return null;
        }
        if (fromFrame < startFrame || toFrame > endFrame)
        {
            problem = $"{first}–{last} is outside the clip: {clipRange}.";
            return null;
        }
        problem = null;
        double Seconds(long frames) => (double)(frames - startFrame) * rate.Denominator / rate.Numerator;
        return new ClipRange(first.ToString(), last.ToString(), Seconds(fromFrame), Seconds(toFrame), rate, start.ToString(), technical.DurationSeconds.Value);
    }

    /// <summary>The cut's file name beside the original: A001C003.mov → A001C003_01001000-01001500.mov.</summary>
    public string CutPath(string originalPath)
    {
        ArgumentNullException.ThrowIfNull(originalPath);
        var slash = originalPath.LastIndexOf('/');
        var (folder, name) = slash < 0 ? ("", originalPath) : (originalPath[..(slash + 1)], originalPath[(slash + 1)..]);
        var dot = name.LastIndexOf('.');
        var (stem, extension) = dot <= 0 ? (name, "") : (name[..dot], name[dot..]);
        static string Digits(string timecode) => new(timecode.Where(char.IsAsciiDigit).ToArray());
        return $"{folder}{stem}_{Digits(From)}-{Digits(To)}{extension}";
    }
}
