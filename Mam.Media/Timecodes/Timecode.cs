using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Mam.Media.Probing;

namespace Mam.Media.Timecodes;

/// <summary>A SMPTE ST 12-1 timecode label (HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame).
/// Frames are counted at the nominal rate (30 for 29.97, 24 for 23.976). Drop-frame skips frame
/// numbers 0 and 1 (0–3 at 59.94) at the start of every minute except every tenth minute, so the
/// label keeps up with wall-clock time; no picture is dropped.</summary>
public readonly record struct Timecode(int Hours, int Minutes, int Seconds, int Frames, bool DropFrame)
{
    /// <summary>The timecode at <paramref name="secondsFromClipStart"/> into a clip whose first frame is
    /// labelled <paramref name="startTimecode"/>. A clip without a start timecode starts at 00:00:00:00,
    /// drop-frame for 29.97 and 59.94 (what NTSC cameras and most NLEs assume).</summary>
    public static string FromSeconds(double secondsFromClipStart, FrameRate rate, string? startTimecode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(secondsFromClipStart);
        var start = string.IsNullOrWhiteSpace(startTimecode)
            ? new Timecode(0, 0, 0, 0, DropFrameIsUsual(rate))
            : Parse(startTimecode, rate);

        // A small epsilon so 1001/30000 * n seconds, which doubles cannot hold exactly, still lands on frame n.
        var offsetFrames = (long)Math.Floor((secondsFromClipStart * rate.Numerator / rate.Denominator) + 1e-6);
        return FromFrames(start.ToFrames(rate) + offsetFrames, rate, start.DropFrame).ToString();
    }

    /// <summary>True for the rates drop-frame timecode exists for (30000/1001 and 60000/1001).</summary>
    public static bool DropFrameIsUsual(FrameRate rate) => rate.IsNtsc && NominalRate(rate) is 30 or 60;

    /// <summary>Whole frames per timecode second: 30 for 29.97, 24 for 23.976, 25 for 25.</summary>
    public static int NominalRate(FrameRate rate)
    {
        if (rate.Numerator <= 0 || rate.Denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A frame rate must be positive.");
        }

        return (int)Math.Round(rate.Value, MidpointRounding.AwayFromZero);
    }

    /// <summary>Parses "HH:MM:SS:FF" (non-drop) or "HH:MM:SS;FF" (drop-frame; '.' and ',' are accepted
    /// as drop-frame separators too, as some tools write them).</summary>
    /// <exception cref="FormatException">Not a timecode, or not valid at <paramref name="rate"/>.</exception>
    public static Timecode Parse(string text, FrameRate rate) =>
        TryParse(text, rate, out var timecode, out var error) ? timecode
            : throw new FormatException($"'{text}' is not a valid timecode at {rate} fps: {error}");

    public static bool TryParse(string? text, FrameRate rate, out Timecode timecode) =>
        TryParse(text, rate, out timecode, out _);

    /// <summary>Frames since 00:00:00:00 (the frame index a timeline would use).</summary>
    public long ToFrames(FrameRate rate)
    {
        var nominal = NominalRate(rate);
        long totalMinutes = (60L * Hours) + Minutes;
        long frames = ((((Hours * 3600L) + (Minutes * 60L) + Seconds) * nominal) + Frames);
        return DropFrame ? frames - (DroppedPerMinute(nominal) * (totalMinutes - (totalMinutes / 10))) : frames;
    }

    /// <summary>The label of frame <paramref name="frames"/> since 00:00:00:00; wraps at 24 hours.</summary>
    public static Timecode FromFrames(long frames, FrameRate rate, bool dropFrame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        var nominal = NominalRate(rate);
        if (dropFrame)
        {
            EnsureDropFrameRate(nominal, rate);
            var dropped = DroppedPerMinute(nominal);
            long framesPerMinute = (nominal * 60L) - dropped;
            long framesPerTenMinutes = (nominal * 600L) - (dropped * 9L);
            frames %= framesPerTenMinutes * 6 * 24;
            var tens = frames / framesPerTenMinutes;
            var rest = frames % framesPerTenMinutes;
            // Add back the labels skipped so far, then count as if no label had been skipped.
            frames += dropped * 9L * tens;
            if (rest > dropped)
            {
                frames += dropped * ((rest - dropped) / framesPerMinute);
            }
        }
        else
        {
            frames %= nominal * 86_400L;
        }

        var ff = (int)(frames % nominal);
        var totalSeconds = frames / nominal;
        return new Timecode((int)(totalSeconds / 3600), (int)(totalSeconds / 60 % 60), (int)(totalSeconds % 60), ff, dropFrame);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Hours:00}:{Minutes:00}:{Seconds:00}{(DropFrame ? ';' : ':')}{Frames:00}");

    private static int DroppedPerMinute(int nominal) => nominal / 15;

    private static void EnsureDropFrameRate(int nominal, FrameRate rate)
    {
        if (nominal is not (30 or 60))
        {
            throw new ArgumentException($"Drop-frame timecode exists only for 29.97 and 59.94 fps, not {rate}.", nameof(rate));
        }
    }

    private static bool TryParse(string? text, FrameRate rate, out Timecode timecode, [NotNullWhen(false)] out string? error)
    {
        timecode = default;
        var nominal = NominalRate(rate);
        var s = text?.Trim();
        if (s is null || s.Length is < 10 or > 11)
        {
            error = "expected HH:MM:SS:FF";
            return false;
        }

        var frameSeparator = s[^3];
        var dropFrame = frameSeparator is ';' or '.' or ',';
        var parts = new[] { s[..^9], s[^8..^6], s[^5..^3], s[^2..] };
        if (s[^9] != ':' || s[^6] != ':' || !(dropFrame || frameSeparator == ':'))
        {
            error = "expected HH:MM:SS:FF";
            return false;
        }

        var numbers = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                error = "expected HH:MM:SS:FF";
                return false;
            }
        }

        var (hours, minutes, seconds, frames) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        if (hours > 23 || minutes > 59 || seconds > 59 || frames >= nominal)
        {
            error = "a field is out of range";
            return false;
        }

        if (dropFrame && nominal is not (30 or 60))
        {
            error = "drop-frame timecode exists only for 29.97 and 59.94 fps";
            return false;
        }

        if (dropFrame && seconds == 0 && minutes % 10 != 0 && frames < DroppedPerMinute(nominal))
        {
            error = "that frame label is skipped in drop-frame timecode";
            return false;
        }

        timecode = new Timecode(hours, minutes, seconds, frames, dropFrame);
        error = null;
        return true;
    }
}
