using System.Globalization;
using Mam.Bench.Harness;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Bench.Pipeline.Cards;

/// <summary>The camera card both runs offload: made once, so 1 and 2 workers process the same bytes.</summary>
public sealed record BenchCard(string Folder, int Clips, double ClipSeconds, string Description)
{
    private const string Ffmpeg = "/usr/bin/ffmpeg";
    private const string Text2Wave = "/usr/bin/text2wave";

    /// <summary>Sentences pocketsphinx follows well in festival's slt voice; one per clip, in turn.</summary>
    private static readonly string[] Lines =
    [
        "the harbour lights were burning when the boat came home",
        "please bring the green bag to the kitchen before dinner",
        "my brother sold his car last summer",
        "she said that the train would leave at seven in the morning",
        "the children were playing in the park with a red ball",
        "we will meet again at the old bridge tomorrow",
    ];

    private static readonly ProcessRunner Runner = new(NullLogger<ProcessRunner>.Instance);

    /// <summary>`sample`: infra/make-sample-card.sh (4 clips, 53 s). An existing folder: that card.
    /// Otherwise <paramref name="clips"/> generated clips of <paramref name="clipSeconds"/> each.</summary>
    public static async Task<BenchCard> PrepareAsync(string? source, int clips, double clipSeconds, RepoPaths repo, string workFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        if (string.Equals(source, "sample", StringComparison.Ordinal))
        {
            var output = Path.Combine(workFolder, "sample");
            await Runner.RunAsync("/bin/bash", [repo.Script("make-sample-card.sh"), output], TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
            var folder = Path.Combine(output, "A001R1AB");
            return new BenchCard(folder, CountClips(folder), 0, "infra/make-sample-card.sh (ARRI-style, 4 clips of 6-22 s, XML sidecars)");
        }
        if (source is not null)
        {
            if (!Directory.Exists(source))
            {
                throw new DirectoryNotFoundException($"--card {source}: no such folder (use `sample`, a card folder, or leave it out).");
            }
            return new BenchCard(Path.GetFullPath(source), CountClips(source), 0, $"existing card {source}");
        }

        var card = Directory.CreateDirectory(Path.Combine(workFolder, "B001R2BN")).FullName;
        // Two at a time: the machine has two cores and others use them too.
        await Parallel.ForEachAsync(Enumerable.Range(1, clips), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (i, ct) => await MakeSpeechClipAsync(card, string.Create(CultureInfo.InvariantCulture, $"B001C{i:D3}_261122_R2BN.mov"),
                Lines[(i - 1) % Lines.Length], clipSeconds, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new BenchCard(card, clips, clipSeconds, string.Create(CultureInfo.InvariantCulture,
            $"{clips} generated clips x {clipSeconds:0.#} s (1280x720 25p ProRes Proxy, PCM, one spoken sentence each)"));
    }

    private static int CountClips(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count(f => f.EndsWith(".mov", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".mxf", StringComparison.OrdinalIgnoreCase));

    private static async Task MakeSpeechClipAsync(string folder, string fileName, string sentence, double seconds, CancellationToken cancellationToken)
    {
        var text = Path.Combine(folder, $".{Guid.NewGuid():N}.txt");
        var wav = Path.ChangeExtension(text, ".wav");
        await File.WriteAllTextAsync(text, sentence + "\n", cancellationToken).ConfigureAwait(false);
        try
        {
            await Runner.RunAsync(Text2Wave, ["-eval", "(voice_cmu_us_slt_arctic_hts)", text, "-o", wav], cancellationToken).ConfigureAwait(false);
            var length = seconds.ToString("0.###", CultureInfo.InvariantCulture);
            await Runner.RunAsync(Ffmpeg,
            [
                "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", $"testsrc2=s=1280x720:r=25:d={length}",
                "-i", wav,
                "-filter_complex", "[1:a]aresample=48000,adelay=1000:all=1,apad[a]",
                "-map", "0:v", "-map", "[a]", "-t", length,
                "-c:v", "prores_ks", "-profile:v", "0", "-qscale:v", "31",
                "-c:a", "pcm_s16le", "-ar", "48000", "-timecode", "01:00:00:00", Path.Combine(folder, fileName),
            ], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(text);
            File.Delete(wav);
        }
    }
}
