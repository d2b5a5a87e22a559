using System.Globalization;
using System.Text.RegularExpressions;

namespace Mam.Media.Analysis.Qc;

/// <summary>Reads, line by line, what blackdetect, silencedetect, freezedetect, ebur128 and a per-frame
/// metadata print write to ffmpeg's log, and turns it into <see cref="QcMeasurements"/>. A missing
/// stretch of frame timestamps is a range the decoder could not read (a corrupt frame range).</summary>
public sealed partial class QcLog(double durationSeconds, double? framesPerSecond)
{
    /// <summary>ebur128 reports this when nothing rose above its absolute gate: no loudness to speak of.</summary>
    private const double GatedOutLufs = -69.9;

    private readonly List<TimeRange> _black = [];
    private readonly List<TimeRange> _silence = [];
    private readonly List<TimeRange> _freeze = [];
    private readonly List<TimeRange> _undecodable = [];
    private readonly double _frame = 1.0 / (framesPerSecond is > 0 and < 1000 ? framesPerSecond.Value : 25);
    private double? _silenceStart;
    private double? _freezeStart;
    private double? _lastFrame;
    private double? _integrated;
    private double? _truePeak;
    private bool _inTruePeak;
    private int _decodeErrors;
    private bool _lastWasDecodeError;
    private int _frames;

    [GeneratedRegex(@"black_start:\s*(?<s>[-0-9.]+)\s+black_end:\s*(?<e>[-0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex BlackLine();

    [GeneratedRegex(@"silence_start:\s*(?<t>[-0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SilenceStart();

    [GeneratedRegex(@"silence_end:\s*(?<t>[-0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SilenceEnd();

    [GeneratedRegex(@"freezedetect\.freeze_start:\s*(?<t>[-0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FreezeStart();

    [GeneratedRegex(@"freezedetect\.freeze_end:\s*(?<t>[-0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FreezeEnd();

    [GeneratedRegex(@"^\s*I:\s*(?<v>-?[0-9.]+|-inf)\s*LUFS", RegexOptions.CultureInvariant)]
    private static partial Regex Integrated();

    [GeneratedRegex(@"^\s*Peak:\s*(?<v>-?[0-9.]+|-inf|inf)\s*dB", RegexOptions.CultureInvariant)]
    private static partial Regex Peak();

    [GeneratedRegex(@"\bframe:\s*\d+\s+pts:\s*\S+\s+pts_time:(?<t>-?[0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"Last message repeated (?<n>\d+) times", RegexOptions.CultureInvariant)]
    private static partial Regex Repeated();

    /// <summary>Key the QC pass stamps on every decoded frame so the metadata print lists them all.</summary>
    public const string FrameKey = "mam.frame";

    public void Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (FrameLine().Match(line) is { Success: true } frame)
        {
            OnFrame(Seconds(frame, "t"));
            return;
        }
        var decodeError = line.Contains("Error while decoding stream", StringComparison.Ordinal);
        if (decodeError)
        {
            _decodeErrors++;
        }
        else if (_lastWasDecodeError && Repeated().Match(line) is { Success: true } repeated)
        {
            _decodeErrors += int.Parse(repeated.Groups["n"].Value, CultureInfo.InvariantCulture);
        }
        _lastWasDecodeError = decodeError || (_lastWasDecodeError && line.Contains("Last message repeated", StringComparison.Ordinal));

        if (BlackLine().Match(line) is { Success: true } black)
        {
            _black.Add(new TimeRange(Seconds(black, "s"), Seconds(black, "e")));
        }
        else if (SilenceStart().Match(line) is { Success: true } silenceStart)
        {
            _silenceStart = Math.Max(0, Seconds(silenceStart, "t"));
        }
        else if (SilenceEnd().Match(line) is { Success: true } silenceEnd)
        {
            _silence.Add(new TimeRange(_silenceStart ?? 0, Seconds(silenceEnd, "t")));
            _silenceStart = null;
        }
        else if (FreezeStart().Match(line) is { Success: true } freezeStart)
        {
            _freezeStart = Seconds(freezeStart, "t");
        }
        else if (FreezeEnd().Match(line) is { Success: true } freezeEnd)
        {
            _freeze.Add(new TimeRange(_freezeStart ?? 0, Seconds(freezeEnd, "t")));
            _freezeStart = null;
        }
        else if (line.Contains("Summary:", StringComparison.Ordinal))
        {
            // ffmpeg 5.1 may print a first, empty summary while it sets the graph up: the last one counts.
            _integrated = null;
            _truePeak = null;
            _inTruePeak = false;
        }
        else if (Integrated().Match(line) is { Success: true } integrated)
        {
            _integrated = Level(integrated);
        }
        else if (line.Contains("True peak:", StringComparison.Ordinal))
        {
            _inTruePeak = true;
        }
        else if (_inTruePeak && Peak().Match(line) is { Success: true } peak)
        {
            _truePeak = Level(peak);
            _inTruePeak = false;
        }
    }

    public QcMeasurements Result()
    {
        // A freeze or silence still going at the end of the file is never closed in the log.
        var freeze = _freezeStart is { } f ? [.. _freeze, new TimeRange(f, durationSeconds)] : _freeze;
        var silence = _silenceStart is { } s ? [.. _silence, new TimeRange(s, durationSeconds)] : _silence;
        // Gaps in the frame timestamps mean lost pictures only when the decoder complained: variable
        // frame rate recordings have gaps of their own.
        var undecodable = _decodeErrors > 0 ? new List<TimeRange>(_undecodable) : [];
        if (_lastFrame is { } last && durationSeconds - last > Math.Max(3 * _frame, 0.5) && _decodeErrors > 0)
        {
            undecodable.Add(new TimeRange(last + _frame, durationSeconds));
        }
        var integrated = _integrated is { } i && i > GatedOutLufs ? i : (double?)null;
        return new QcMeasurements(_black, silence, freeze, undecodable, integrated, _truePeak, _decodeErrors, _frames);
    }

    private void OnFrame(double time)
    {
        _frames++;
        var previous = _lastFrame;
        if (previous is null && time > Math.Max(3 * _frame, 0.5))
        {
            _undecodable.Add(new TimeRange(0, time));
        }
        else if (previous is { } p && time - p > 2.5 * _frame)
        {
            _undecodable.Add(new TimeRange(p + _frame, time));
        }
        if (previous is null || time > previous)
        {
            _lastFrame = time;
        }
    }

    private static double Seconds(Match match, string group) =>
        double.Parse(match.Groups[group].Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double? Level(Match match)
    {
        var value = match.Groups["v"].Value;
        return value.EndsWith("inf", StringComparison.Ordinal) ? null : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
