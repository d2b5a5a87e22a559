using System.Globalization;
using Mam.Media.Processes;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media.Analysis;

/// <summary>Clips made with ffmpeg at test time for the analysis stage, each with what an editor would
/// see in it at known times.</summary>
internal static class AnalysisMedia
{
    /// <summary>A public-domain US Navy portrait of Grace Hopper shipped by Debian's python-matplotlib-data
    /// (installed by infra/install-deps.sh): a real person's face and body for the vision models.</summary>
    public const string PersonPhoto = "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg";

    public const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    private static readonly ProcessRunner Runner = new(NullLogger<ProcessRunner>.Instance);

    /// <summary>Where things are in <see cref="MakeEditorialClipAsync"/> (seconds).</summary>
    public static class Editorial
    {
        public const double Length = 12;
        public const double BlackHeadEnd = 0.8;
        public const double SlateStart = 0.8;
        public const double PersonStart = 2.8;
        public const double PersonEnd = 6.8;
        public const double FreezeStart = 6.8;
        public const double FreezeEnd = 9.8;
        public const double BlackTailStart = 11.0;
        public const string SlateText = "SCENE 12 TAKE 3";
        public const string LowerThird = "GRACE HOPPER";
    }

    /// <summary>1280x720 25p ProRes with PCM audio (440 Hz), start timecode 01:00:00:00:
    /// 0–0.8 s black and silent; 0.8–2.8 s a slate "SCENE 12 TAKE 3" on black; 2.8–6.8 s a person
    /// (slow pan over the photo) with a lower third "GRACE HOPPER"; 6.8–9.8 s a frozen picture over
    /// silence; 9.8–11 s moving picture; 11–12 s black.</summary>
    public static async Task<string> MakeEditorialClipAsync(string folder, string fileName, CancellationToken cancellationToken)
    {
        RequirePersonPhoto();
        var path = Path.Combine(folder, fileName);
        var graph = string.Join(';',
            $"[2:v]scale=-2:860,crop=iw:720:0:'(ih-720)*t/4',pad=1280:720:(ow-iw)/2:0:color=0x303030,setsar=1," +
            $"drawtext=fontfile={Font}:text='{Editorial.LowerThird}':fontsize=44:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=14:x=80:y=h-150,format=yuv420p[person]",
            "[3:v]tpad=stop_mode=clone:stop_duration=2.96[frozen]",
            "[0:v][1:v][person][frozen][4:v][5:v]concat=n=6:v=1:a=0,format=yuv422p10le[v]",
            $"[6:a]volume=0.3,volume=enable='between(t,0,{S(Editorial.BlackHeadEnd)})+between(t,{S(Editorial.FreezeStart)},{S(Editorial.FreezeEnd)})':volume=0[a]");
        await Runner.RunAsync(TestMedia.Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "color=black:s=1280x720:r=25:d=0.8",
            "-f", "lavfi", "-i", $"color=black:s=1280x720:r=25:d=2,drawtext=fontfile={Font}:text='{Editorial.SlateText}':fontsize=110:fontcolor=white:x=(w-tw)/2:y=(h-th)/2",
            "-loop", "1", "-framerate", "25", "-t", "4", "-i", PersonPhoto,
            "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=0.04",
            "-f", "lavfi", "-i", "mandelbrot=s=1280x720:r=25,trim=duration=1.2",
            "-f", "lavfi", "-i", "color=black:s=1280x720:r=25:d=1",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={S(Editorial.Length)}",
            "-filter_complex", graph,
            "-map", "[v]", "-map", "[a]", "-t", S(Editorial.Length),
            "-c:v", "prores_ks", "-profile:v", "0", "-qscale:v", "31",
            "-c:a", "pcm_s16le", "-timecode", "01:00:00:00", path,
        ], TimeSpan.FromMinutes(3), cancellationToken);
        return path;
    }

    /// <summary>The person photo held for <paramref name="seconds"/> with a slow pan, no audio, 25p.</summary>
    public static async Task<string> MakePersonClipAsync(string folder, string fileName, double seconds, CancellationToken cancellationToken)
    {
        RequirePersonPhoto();
        var path = Path.Combine(folder, fileName);
        await Runner.RunAsync(TestMedia.Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-loop", "1", "-framerate", "25", "-t", S(seconds), "-i", PersonPhoto,
            "-vf", $"scale=-2:860,crop=iw:720:0:'(ih-720)*t/{S(seconds)}',pad=1280:720:(ow-iw)/2:0:color=0x303030,setsar=1,format=yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", path,
        ], TimeSpan.FromMinutes(2), cancellationToken);
        return path;
    }

    /// <summary>A still frame of the person photo as the binary PPM the vision sidecar reads.</summary>
    public static async Task<string> MakePersonFrameAsync(string folder, CancellationToken cancellationToken)
    {
        RequirePersonPhoto();
        var path = Path.Combine(folder, "person.ppm");
        await Runner.RunAsync(TestMedia.Ffmpeg,
            ["-nostdin", "-v", "error", "-y", "-i", PersonPhoto, "-vf", "scale=960:-2,format=rgb24", "-frames:v", "1", "-c:v", "ppm", "-f", "image2", path],
            cancellationToken);
        return path;
    }

    /// <summary>A copy of <paramref name="source"/> with random bytes over <paramref name="fraction"/> of
    /// it from <paramref name="at"/> (fraction of the file): frames there no longer decode.</summary>
    public static async Task<string> CorruptCopyAsync(string source, string target, double at, double fraction, CancellationToken cancellationToken)
    {
        File.Copy(source, target, overwrite: true);
        await using var file = new FileStream(target, FileMode.Open, FileAccess.ReadWrite);
        var garbage = new byte[(int)(file.Length * fraction)];
        new Random(7).NextBytes(garbage);
        file.Position = (long)(file.Length * at);
        await file.WriteAsync(garbage, cancellationToken);
        return target;
    }

    private static void RequirePersonPhoto()
    {
        if (!File.Exists(PersonPhoto))
        {
            Assert.Fail($"{PersonPhoto} is missing: install Debian's python-matplotlib-data (bash infra/install-deps.sh).");
        }
    }

    private static string S(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
