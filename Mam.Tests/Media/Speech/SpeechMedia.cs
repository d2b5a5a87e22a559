using System.Globalization;
using System.Text;
using Mam.Media.Processes;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media.Speech;

/// <summary>Speech fixtures generated at test time with festival (cmu_us_slt_arctic_hts) and ffmpeg:
/// many tracks, silence, drop-frame timecode, a four-hour recording. Nothing binary is committed.</summary>
internal static class SpeechMedia
{
    public const string Harbour = "the harbour lights were burning bright";
    public const string Bridge = "we will meet again on the bridge tomorrow morning";

    private static readonly ProcessRunner Runner = new(NullLogger<ProcessRunner>.Instance);

    /// <summary>A sentence spoken at a time in a clip.</summary>
    public sealed record Line(double At, string Sentence);

    /// <summary>festival's rendering of <paramref name="sentence"/> as a WAV (32 kHz mono).</summary>
    public static async Task<string> SpeakAsync(string folder, string sentence, CancellationToken cancellationToken)
    {
        var text = Path.Combine(folder, $".{Guid.NewGuid():N}.txt");
        var wav = Path.ChangeExtension(text, ".wav");
        await File.WriteAllTextAsync(text, sentence + "\n", cancellationToken);
        await Runner.RunAsync(TestMedia.Text2Wave, ["-eval", "(voice_cmu_us_slt_arctic_hts)", text, "-o", wav], cancellationToken);
        File.Delete(text);
        return wav;
    }

    /// <summary>A 320x180 clip with <paramref name="tracks"/> mono PCM tracks: the lines spoken on
    /// <paramref name="speechTrack"/> (0-based), 1 kHz line-up tone on <paramref name="toneTrack"/>
    /// if given, digital silence on the others.</summary>
    public static async Task<string> MakeMultiTrackClipAsync(
        string folder, string fileName, int tracks, int speechTrack, int? toneTrack, IReadOnlyList<Line> lines, double seconds,
        CancellationToken cancellationToken)
    {
        var speech = await MakeSpeechTrackAsync(folder, lines, seconds, 48000, cancellationToken);
        var path = Path.Combine(folder, fileName);
        var arguments = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=320x180:r=25:d={S(seconds)}",
            "-i", speech,
            "-f", "lavfi", "-i", $"sine=frequency=1000:sample_rate=48000:d={S(seconds)}",
            "-f", "lavfi", "-i", $"anullsrc=r=48000:cl=mono:d={S(seconds)}",
            "-map", "0:v",
        };
        for (var t = 0; t < tracks; t++)
        {
            arguments.AddRange(["-map", t == speechTrack ? "1:a" : t == toneTrack ? "2:a" : "3:a"]);
        }
        arguments.AddRange(["-t", S(seconds), "-c:v", "mpeg4", "-q:v", "10", "-c:a", "pcm_s16le", "-timecode", "01:00:00:00", path]);
        await Runner.RunAsync(TestMedia.Ffmpeg, arguments, cancellationToken);
        File.Delete(speech);
        return path;
    }

    /// <summary>Picture and one audio track of digital silence: a MOS take recorded with the mic muted.</summary>
    public static async Task<string> MakeSilentClipAsync(string folder, string fileName, double seconds, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);
        await Runner.RunAsync(TestMedia.Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=320x180:r=25:d={S(seconds)}",
            "-f", "lavfi", "-i", $"anullsrc=r=48000:cl=stereo:d={S(seconds)}",
            "-map", "0:v", "-map", "1:a", "-t", S(seconds),
            "-c:v", "mpeg4", "-q:v", "10", "-c:a", "pcm_s16le", path,
        ], cancellationToken);
        return path;
    }

    /// <summary>An NTSC clip: 29.97 fps with a drop-frame start timecode, one mono track with the lines.</summary>
    public static async Task<string> MakeDropFrameClipAsync(
        string folder, string fileName, string startTimecode, IReadOnlyList<Line> lines, double seconds, CancellationToken cancellationToken)
    {
        var speech = await MakeSpeechTrackAsync(folder, lines, seconds, 48000, cancellationToken);
        var path = Path.Combine(folder, fileName);
        await Runner.RunAsync(TestMedia.Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=320x180:r=30000/1001:d={S(seconds)}",
            "-i", speech, "-map", "0:v", "-map", "1:a", "-t", S(seconds),
            "-c:v", "mpeg4", "-q:v", "10", "-c:a", "pcm_s16le", "-timecode", startTimecode, path,
        ], cancellationToken);
        File.Delete(speech);
        return path;
    }

    /// <summary>A long audio-only recording, digital silence with the lines at their times: 16 kHz mono
    /// FLAC, which compresses silence to almost nothing (4 hours ≈ 3 MB) and decodes fast.</summary>
    public static async Task<string> MakeLongRecordingAsync(
        string folder, string fileName, IReadOnlyList<Line> lines, double seconds, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);
        var wav = await MakeSpeechTrackAsync(folder, lines, seconds, 16000, cancellationToken, codec: "flac", extension: ".flac");
        File.Move(wav, path, overwrite: true);
        return path;
    }

    /// <summary>Silence of <paramref name="seconds"/> with each line mixed in at its time.</summary>
    private static async Task<string> MakeSpeechTrackAsync(
        string folder, IReadOnlyList<Line> lines, double seconds, int sampleRate, CancellationToken cancellationToken,
        string codec = "pcm_s16le", string extension = ".wav")
    {
        var voices = new List<string>();
        foreach (var line in lines)
        {
            voices.Add(await SpeakAsync(folder, line.Sentence, cancellationToken));
        }
        var output = Path.Combine(folder, $".{Guid.NewGuid():N}{extension}");
        var arguments = new List<string> { "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"anullsrc=r={sampleRate}:cl=mono:d={S(seconds)}" };
        var graph = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            arguments.AddRange(["-i", voices[i]]);
            var delayMs = ((long)Math.Round(lines[i].At * 1000)).ToString(CultureInfo.InvariantCulture);
            graph.Append(CultureInfo.InvariantCulture, $"[{i + 1}:a]aresample={sampleRate},adelay={delayMs}:all=1[v{i}];");
        }
        graph.Append("[0:a]");
        for (var i = 0; i < lines.Count; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[v{i}]");
        }
        graph.Append(CultureInfo.InvariantCulture, $"amix=inputs={lines.Count + 1}:normalize=0:duration=first[a]");
        arguments.AddRange(["-filter_complex", graph.ToString(), "-map", "[a]", "-t", S(seconds), "-c:a", codec, output]);
        await Runner.RunAsync(TestMedia.Ffmpeg, arguments, cancellationToken);
        foreach (var voice in voices)
        {
            File.Delete(voice);
        }
        return output;
    }

    private static string S(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
