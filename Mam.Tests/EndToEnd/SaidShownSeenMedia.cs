using System.Globalization;
using Mam.Media.Processes;
using Mam.Tests.Media.Analysis;
using Mam.Tests.Media.Speech;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.EndToEnd;

/// <summary>The sample clip of issue #5: something said, something shown and someone seen, each at a
/// known time. Made with festival and ffmpeg at test time.</summary>
internal static class SaidShownSeenMedia
{
    public const string StartTimecode = "10:00:00:00";
    public const double Length = 10;

    /// <summary>The slate from the first frame until the cut to the person.</summary>
    public const double SlateEnd = 3;
    public const string Production = "LIGHTHOUSE";
    public const string SlateText = "SCENE 12 TAKE 3";

    /// <summary>The portrait, from the cut after the slate to the cut to the end card.</summary>
    public const double PersonStart = 3;
    public const double PersonEnd = 8;

    /// <summary>Spoken over the person. pocketsphinx (en-us) hears "the harbour master close the gate at
    /// midnight": "harbour master" and "midnight" come through, "closed" and "gate" do not reliably.</summary>
    public const double SpokenAt = 5;
    public const string Line = "the harbour master closed the gate at midnight";

    private static readonly ProcessRunner Runner = new(NullLogger<ProcessRunner>.Instance);

    /// <summary>1280x720 25p H.264 with one mono PCM track, start timecode 10:00:00:00: 0–3 s a slate
    /// ("LIGHTHOUSE" over "SCENE 12 TAKE 3") on black; 3–8 s a slow pan over a portrait of a person;
    /// 8–10 s a plain blue card. The line is spoken from 5 s; the rest of the track is silent.</summary>
    public static async Task<string> MakeClipAsync(string folder, string fileName, CancellationToken cancellationToken)
    {
        if (!File.Exists(AnalysisMedia.PersonPhoto))
        {
            Assert.Fail($"{AnalysisMedia.PersonPhoto} is missing: install Debian's python-matplotlib-data (bash infra/install-deps.sh).");
        }
        var voice = await SpeechMedia.SpeakAsync(folder, Line, cancellationToken);
        var path = Path.Combine(folder, fileName);
        var font = AnalysisMedia.Font;
        var personSeconds = S(PersonEnd - PersonStart);
        var graph = string.Join(';',
            $"[0:v]drawtext=fontfile={font}:text='{Production}':fontsize=110:fontcolor=white:x=(w-tw)/2:y=(h/2)-150," +
            $"drawtext=fontfile={font}:text='{SlateText}':fontsize=110:fontcolor=white:x=(w-tw)/2:y=(h/2)+40,format=yuv420p[slate]",
            $"[1:v]scale=-2:860,crop=iw:720:0:'(ih-720)*t/{personSeconds}',pad=1280:720:(ow-iw)/2:0:color=0x303030,setsar=1,format=yuv420p[person]",
            "[2:v]format=yuv420p[card]",
            "[slate][person][card]concat=n=3:v=1:a=0[v]",
            $"[4:a]aresample=48000,adelay={((long)(SpokenAt * 1000)).ToString(CultureInfo.InvariantCulture)}:all=1[voice]",
            "[3:a][voice]amix=inputs=2:normalize=0:duration=first[a]");
        await Runner.RunAsync(TestMedia.Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"color=black:s=1280x720:r=25:d={S(SlateEnd)}",
            "-loop", "1", "-framerate", "25", "-t", personSeconds, "-i", AnalysisMedia.PersonPhoto,
            "-f", "lavfi", "-i", $"color=0x204880:s=1280x720:r=25:d={S(Length - PersonEnd)}",
            "-f", "lavfi", "-i", $"anullsrc=r=48000:cl=mono:d={S(Length)}",
            "-i", voice,
            "-filter_complex", graph,
            "-map", "[v]", "-map", "[a]", "-t", S(Length),
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-r", "25",
            "-c:a", "pcm_s16le", "-timecode", StartTimecode, path,
        ], TimeSpan.FromMinutes(2), cancellationToken);
        File.Delete(voice);
        return path;
    }

    private static string S(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
