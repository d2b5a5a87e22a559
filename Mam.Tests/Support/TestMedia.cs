using System.Globalization;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Support;

/// <summary>Generates media with the real tools at test time (no binaries are committed).</summary>
public static class TestMedia
{
    public const string Ffmpeg = "/usr/bin/ffmpeg";
    public const string Text2Wave = "/usr/bin/text2wave";

    /// <summary>A sentence pocketsphinx recognises reliably in the festival slt voice.</summary>
    public const string DefaultSentence = "please bring the green bag to the kitchen before dinner";

    private static readonly ProcessRunner Runner = new(NullLogger<ProcessRunner>.Instance);

    public sealed record SpeechClip(string Path, double SentenceOffsetSeconds, string Sentence);

    /// <summary>1280x720 25p ProRes Proxy with PCM audio: silence, then <paramref name="sentence"/>
    /// spoken (festival, cmu_us_slt_arctic_hts) from <paramref name="offsetSeconds"/>.</summary>
    public static async Task<SpeechClip> MakeSpeechClipAsync(
        string folder, string fileName, string sentence, double offsetSeconds, double lengthSeconds, CancellationToken cancellationToken)
    {
        var textFile = Path.Combine(folder, $".{Guid.NewGuid():N}.txt");
        var wav = Path.ChangeExtension(textFile, ".wav");
        await File.WriteAllTextAsync(textFile, sentence + "\n", cancellationToken);
        try
        {
            await Runner.RunAsync(Text2Wave, ["-eval", "(voice_cmu_us_slt_arctic_hts)", textFile, "-o", wav], cancellationToken);
            var path = Path.Combine(folder, fileName);
            var delayMs = ((int)Math.Round(offsetSeconds * 1000)).ToString(CultureInfo.InvariantCulture);
            await Runner.RunAsync(Ffmpeg,
            [
                "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", $"smptehdbars=s=1280x720:r=25:d={Seconds(lengthSeconds)}",
                "-i", wav,
                "-filter_complex", $"[1:a]aresample=48000,adelay={delayMs}:all=1,apad[a]",
                "-map", "0:v", "-map", "[a]", "-t", Seconds(lengthSeconds),
                "-c:v", "prores_ks", "-profile:v", "0", "-qscale:v", "31",
                "-c:a", "pcm_s16le", "-ar", "48000", "-timecode", "01:00:00:00", path,
            ], cancellationToken);
            return new SpeechClip(path, offsetSeconds, sentence);
        }
        finally
        {
            File.Delete(textFile);
            File.Delete(wav);
        }
    }

    /// <summary>Picture with a 1 kHz tone; 1280x720 25p ProRes Proxy, start timecode 01:00:00:00.</summary>
    public static async Task<string> MakeClipAsync(string folder, string fileName, double lengthSeconds, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);
        await Runner.RunAsync(Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=1280x720:r=25:d={Seconds(lengthSeconds)}",
            "-f", "lavfi", "-i", $"sine=frequency=1000:sample_rate=48000:d={Seconds(lengthSeconds)}",
            "-map", "0:v", "-map", "1:a",
            "-c:v", "prores_ks", "-profile:v", "0", "-qscale:v", "31",
            "-c:a", "pcm_s16le", "-timecode", "01:00:00:00", path,
        ], cancellationToken);
        return path;
    }

    /// <summary>B-roll: picture only, no audio stream at all.</summary>
    public static async Task<string> MakeClipWithoutAudioAsync(string folder, string fileName, double lengthSeconds, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);
        await Runner.RunAsync(Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=s=1280x720:r=25:d={Seconds(lengthSeconds)}",
            "-c:v", "prores_ks", "-profile:v", "0", "-qscale:v", "31", path,
        ], cancellationToken);
        return path;
    }

    /// <summary>The first 2 KB of a real clip under a .mov name: what an interrupted copy leaves behind.</summary>
    public static async Task<string> MakeTruncatedClipAsync(string folder, string fileName, CancellationToken cancellationToken)
    {
        var whole = await MakeClipAsync(folder, $".whole-{Guid.NewGuid():N}.mov", 1, cancellationToken);
        var bytes = await File.ReadAllBytesAsync(whole, cancellationToken);
        File.Delete(whole);
        var path = Path.Combine(folder, fileName);
        await File.WriteAllBytesAsync(path, bytes.AsMemory(0, Math.Min(2048, bytes.Length)), cancellationToken);
        return path;
    }

    /// <summary>Random bytes with a .mov name.</summary>
    public static async Task<string> MakeRandomBytesFileAsync(string folder, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);
        var bytes = new byte[64 * 1024];
        new Random(42).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        return path;
    }

    /// <summary>Runs infra/make-sample-card.sh into <paramref name="outputFolder"/>; returns the card folder.</summary>
    public static async Task<string> MakeSampleCardAsync(string outputFolder, CancellationToken cancellationToken)
    {
        var script = Path.Combine(FindRepoRoot(), "infra", "make-sample-card.sh");
        await Runner.RunAsync("/bin/bash", [script, outputFolder], TimeSpan.FromMinutes(5), cancellationToken);
        return Path.Combine(outputFolder, "A001R1AB");
    }

    /// <summary>The folder holding Mam.sln, found by walking up from the test binaries.</summary>
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mam.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Mam.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Where saved tool outputs (ffprobe JSON, pocketsphinx text) are copied next to the tests.</summary>
    public static string TestDataFile(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
