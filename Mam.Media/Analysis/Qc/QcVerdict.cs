using System.Globalization;

namespace Mam.Media.Analysis.Qc;

/// <summary>Turns QC measurements into findings and a verdict in an editor's words. Fail: the clip is
/// unusable as delivered (black or silent throughout, pictures that cannot be decoded). Warning: worth a
/// look (black at head or tail, long silence, frozen picture, loud, very quiet or hot peaks).</summary>
public static class QcVerdict
{
    private const double Throughout = 0.95;

    /// <param name="heldStill">Ranges where a still picture is on purpose (a slate held to camera): a freeze there is no finding.</param>
    public static (QcResult Report, IReadOnlyList<ClipFinding> Findings) Judge(
        QcMeasurements m, ClipFacts facts, QcOptions options, IReadOnlyList<TimeRange>? heldStill = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        var duration = facts.DurationSeconds;
        var edge = Math.Max(0.1, 2.5 / (facts.FramesPerSecond is > 0 ? facts.FramesPerSecond.Value : 25));
        var findings = new List<ClipFinding>();
        var lines = new List<string>();
        var status = QcLevel.Pass;

        void Add(QcLevel level, string label, TimeRange range, string source, string line, double? value = null, string? detail = null)
        {
            // The last frame's timestamp is one frame short of the clip's end: a finding that reaches it runs to the end.
            var end = range.End >= duration - edge ? Math.Max(range.End, duration) : range.End;
            findings.Add(new ClipFinding(FindingKind.Qc, label, Math.Round(range.Start, 3), Math.Round(end, 3), 1, source,
                value is { } v ? Math.Round(v, 3) : null, detail ?? line));
            lines.Add(line);
            status = (QcLevel)Math.Max((int)status, (int)level);
        }

        foreach (var black in m.Black)
        {
            var throughout = black.Start <= edge && black.Duration >= duration * Throughout;
            var where = throughout ? "throughout" : black.Start <= edge ? "at the head" : black.End >= duration - edge ? "at the tail" : $"from {S(black.Start)}";
            Add(throughout ? QcLevel.Fail : QcLevel.Warning, "black", black, "blackdetect",
                throughout ? "Black throughout" : $"Black for {S(black.Duration)} {where}", black.Duration);
        }

        foreach (var freeze in m.Freeze)
        {
            var explained = m.Black.Concat(heldStill ?? []).Sum(r => r.Overlap(freeze)) >= freeze.Duration * 0.8;
            if (!explained)
            {
                Add(QcLevel.Warning, "freeze", freeze, "freezedetect", $"Frozen picture for {S(freeze.Duration)} from {S(freeze.Start)}", freeze.Duration);
            }
        }

        foreach (var lost in m.Undecodable)
        {
            Add(QcLevel.Fail, "undecodable", lost, "ffmpeg",
                $"Picture cannot be decoded for {S(lost.Duration)} from {S(lost.Start)} (corrupt frames)", lost.Duration);
        }
        if (m.DecodeErrors > 0 && m.Undecodable.Count == 0)
        {
            Add(QcLevel.Warning, "decode errors", new TimeRange(0, duration), "ffmpeg",
                string.Create(CultureInfo.InvariantCulture, $"The decoder reported {m.DecodeErrors} damaged frames; the picture may glitch"), m.DecodeErrors);
        }

        if (facts.HasAudio)
        {
            JudgeAudio(m, duration, edge, options, Add, lines);
        }
        else
        {
            lines.Add("No audio: loudness not measured.");
        }

        if (status == QcLevel.Pass)
        {
            lines.Insert(0, "No issues found.");
        }
        var report = new QcResult(status,
            facts.HasAudio ? m.IntegratedLufs : null,
            facts.HasAudio ? m.TruePeakDbtp : null,
            Truncate(string.Join('\n', lines), 4000));
        return (report, findings);
    }

    private delegate void AddFinding(QcLevel level, string label, TimeRange range, string source, string line, double? value = null, string? detail = null);

    private static void JudgeAudio(QcMeasurements m, double duration, double edge, QcOptions options, AddFinding add, List<string> lines)
    {
        var silentThroughout = false;
        foreach (var silence in m.Silence)
        {
            var throughout = silence.Start <= edge && silence.Duration >= duration * Throughout;
            silentThroughout |= throughout;
            if (throughout)
            {
                add(QcLevel.Fail, "silence", silence, "silencedetect", "Silent throughout", silence.Duration);
            }
            else
            {
                add(QcLevel.Warning, "silence", silence, "silencedetect", $"Silence for {S(silence.Duration)} from {S(silence.Start)}", silence.Duration);
            }
        }

        var whole = new TimeRange(0, duration);
        if (m.IntegratedLufs is { } lufs)
        {
            var level = lufs > options.LoudAboveLufs ? QcLevel.Warning : lufs < options.QuietBelowLufs && !silentThroughout ? QcLevel.Warning : QcLevel.Pass;
            var text = string.Create(CultureInfo.InvariantCulture, $"{lufs:0.0} LUFS integrated");
            var line = lufs > options.LoudAboveLufs ? $"Loud: {text} (above {L(options.LoudAboveLufs)} LUFS)"
                : level == QcLevel.Warning ? $"Very quiet: {text} (below {L(options.QuietBelowLufs)} LUFS)"
                : $"Loudness {text}";
            add(level, "loudness", whole, "ebur128", line, lufs);
        }
        else if (!silentThroughout)
        {
            lines.Add("Loudness could not be measured.");
        }

        if (m.TruePeakDbtp is { } peak)
        {
            var hot = peak > options.MaxTruePeakDbtp;
            var text = string.Create(CultureInfo.InvariantCulture, $"{peak:+0.0;-0.0} dBTP");
            add(hot ? QcLevel.Warning : QcLevel.Pass, "true peak", whole, "ebur128",
                hot ? $"Peaks at {text}: likely clipping (above {L(options.MaxTruePeakDbtp)} dBTP)" : $"True peak {text}", peak);
        }
    }

    private static string S(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");

    private static string L(double level) => level.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
