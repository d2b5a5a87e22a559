using System.Globalization;
using System.Text;
using Mam.Media.Processes;
using Mam.Media.Capabilities;

namespace Mam.Media.Speech.Audio;

/// <summary>One decoding pass over every audio track of a clip with ffmpeg's silencedetect, to learn
/// where each track is quiet. It keeps no audio: only the list of silences and the length, so a 4-hour
/// clip costs one streaming read and a few kilobytes.</summary>
public sealed class AudioListener(ProcessRunner runner, MediaToolsOptions tools, SpeechOptions speech)
{
    /// <summary>silencedetect works as well on 8 kHz as on 48 kHz and the pass is cheaper.</summary>
    private const int ListeningSampleRate = 8000;

    /// <summary>What the pass asks of ffmpeg (the null muxer encodes audio as pcm_s16le), checked at start.</summary>
    public static FfmpegNeeds Needs { get; } = new("transcripts",
        ["pcm_s16le"], ["aformat", "aresample", "silencedetect", "ametadata"]);

    /// <param name="trackCount">Number of audio streams in the clip (from the probe).</param>
    /// <param name="probedDuration">The container's duration, used when ffmpeg reports none.</param>
    /// <param name="workFolder">A private folder for ffmpeg's reports.</param>
    public async Task<IReadOnlyList<TrackSound>> ListenAsync(
        string mediaPath, int trackCount, double? probedDuration, string workFolder, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trackCount);
        var reports = Enumerable.Range(0, trackCount).Select(i => Path.Combine(workFolder, $"silences-{i}.txt")).ToList();
        var progress = Path.Combine(workFolder, "listen-progress.txt");

        // silencedetect tags frames with lavfi.silence_start/end; ametadata writes only the tagged frames
        // to a file, since ProcessRunner keeps just the tail of stderr and a long clip has many pauses.
        var graph = new StringBuilder();
        for (var i = 0; i < trackCount; i++)
        {
            graph.Append(CultureInfo.InvariantCulture,
                $"[0:a:{i}]aformat=channel_layouts=mono,aresample={ListeningSampleRate},")
                .Append(CultureInfo.InvariantCulture, $"silencedetect=n={speech.SilenceThresholdDb:0.##}dB:d={speech.MinSilenceSeconds:0.###},")
                .Append(CultureInfo.InvariantCulture, $"ametadata=mode=print:file={FilterGraph.EscapeValue(reports[i])}[s{i}];");
        }

        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-nostats", "-v", "error",
            "-i", Path.GetFullPath(mediaPath),
            "-progress", progress,
            "-filter_complex", graph.ToString().TrimEnd(';'),
        };
        for (var i = 0; i < trackCount; i++)
        {
            arguments.AddRange(["-map", $"[s{i}]"]);
        }
        arguments.AddRange(["-f", "null", "-"]);
        await runner.RunAsync(tools.FfmpegPath, arguments, tools.StageTimeout, cancellationToken).ConfigureAwait(false);

        var duration = await ReadDurationAsync(progress, cancellationToken).ConfigureAwait(false) ?? probedDuration ?? 0;
        var sounds = new List<TrackSound>(trackCount);
        for (var i = 0; i < trackCount; i++)
        {
            var lines = File.Exists(reports[i]) ? await File.ReadAllLinesAsync(reports[i], cancellationToken).ConfigureAwait(false) : [];
            sounds.Add(new TrackSound(i, duration, ParseSilences(lines, duration)));
        }
        return sounds;
    }

    /// <summary>Reads ametadata's print of silencedetect tags. A silence still open at the end of the
    /// stream has no silence_end line (ffmpeg 5.1 reports it in the log only): it lasts to the end.</summary>
    public static IReadOnlyList<Interval> ParseSilences(IEnumerable<string> lines, double duration)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var silences = new List<Interval>();
        double? open = null;
        foreach (var line in lines)
        {
            if (TryValue(line, "lavfi.silence_start=", out var start))
            {
                open = Math.Max(0, start);
            }
            else if (TryValue(line, "lavfi.silence_end=", out var end) && open is { } from)
            {
                silences.Add(new Interval(from, end));
                open = null;
            }
        }
        if (open is { } last && last < duration)
        {
            silences.Add(new Interval(last, duration));
        }
        return silences;
    }

    /// <summary>ffmpeg's -progress report ends with the position of the last sample written.</summary>
    private static async Task<double?> ReadDurationAsync(string progressFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(progressFile))
        {
            return null;
        }
        double? last = null;
        foreach (var line in await File.ReadAllLinesAsync(progressFile, cancellationToken).ConfigureAwait(false))
        {
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us > 0)
            {
                last = us / 1_000_000.0;
            }
        }
        return last;
    }

    private static bool TryValue(string line, string key, out double value)
    {
        value = 0;
        return line.StartsWith(key, StringComparison.Ordinal)
            && double.TryParse(line.AsSpan(key.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}
