using System.Globalization;
using Mam.Media.Processes;

namespace Mam.Bench.Analysis;

/// <summary>1080p footage made with ffmpeg: a 12-second reel looped to the length asked for. The reel
/// has what a day's rushes have: a slate, a person with a lower third, graphics, motion, a frozen
/// shot, black, silence and tone — five shots, so a minute holds 25 cuts.</summary>
internal static class BenchClip
{
    private const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    private const string PersonPhoto = "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg";

    public static async Task<string> MakeAsync(ProcessRunner runner, string folder, double seconds, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"bench-1080p-{seconds:0}s.mov"));
        if (File.Exists(path))
        {
            return path;
        }
        var reel = Path.Combine(folder, "reel-1080p-12s.mov");
        var person = File.Exists(PersonPhoto)
            ? new[] { "-loop", "1", "-framerate", "25", "-t", "4", "-i", PersonPhoto }
            : ["-f", "lavfi", "-i", "smptehdbars=s=512x600:r=25:d=4"];
        await runner.RunAsync("/usr/bin/ffmpeg",
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "color=black:s=1920x1080:r=25:d=0.8",
            "-f", "lavfi", "-i", $"color=black:s=1920x1080:r=25:d=2,drawtext=fontfile={Font}:text='SCENE 12 TAKE 3':fontsize=160:fontcolor=white:x=(w-tw)/2:y=(h-th)/2",
            .. person,
            "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=25:d=0.04",
            "-f", "lavfi", "-i", "testsrc=s=1920x1080:r=25:d=1.2",
            "-f", "lavfi", "-i", "color=black:s=1920x1080:r=25:d=1",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=12",
            "-filter_complex",
            "[2:v]scale=-2:1290,crop=iw:1080:0:'(ih-1080)*t/4',pad=1920:1080:(ow-iw)/2:0:color=0x303030,setsar=1," +
            $"drawtext=fontfile={Font}:text='GRACE HOPPER':fontsize=66:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=20:x=120:y=h-220,format=yuv420p[p];" +
            "[3:v]tpad=stop_mode=clone:stop_duration=2.96[f];[0:v][1:v][p][f][4:v][5:v]concat=n=6:v=1:a=0,format=yuv422p10le[v];" +
            "[6:a]volume=0.3,volume=enable='between(t,0,0.8)+between(t,6.8,9.8)':volume=0[a]",
            "-map", "[v]", "-map", "[a]", "-t", "12",
            "-c:v", "prores_ks", "-profile:v", "0", "-qscale:v", "31", "-c:a", "pcm_s16le", "-timecode", "01:00:00:00", reel,
        ], TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);

        var loops = (int)Math.Ceiling(seconds / 12) - 1;
        await runner.RunAsync("/usr/bin/ffmpeg",
        [
            "-nostdin", "-v", "error", "-y", "-stream_loop", loops.ToString(CultureInfo.InvariantCulture), "-i", reel,
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c", "copy", path,
        ], TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        File.Delete(reel);
        return path;
    }
}
