using System.Globalization;
using Mam.Bench.Analysis;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Bench.DialogueFirst.Cards;

/// <summary>One clip of the card: its file, and words of its own sentence that a dialogue search should find it by.</summary>
public sealed record SpokenClip(string FileName, string Sentence, string Query);

/// <summary>A camera card of 1080p clips with dialogue throughout. The picture is bench/analysis's 1080p reel
/// (slate, a person under a lower third, graphics, motion, a frozen shot, black; ProRes 422 Proxy), made once at the
/// clip length; each clip then gets its own sound: two sentences spoken by festival's slt voice (the test fixtures'
/// voice, as in Mam.Tests/Support/TestMedia.cs) with a pause after them, repeated to the end of the clip, so the
/// transcriber has speech to work through for the whole clip, not one line in silence.</summary>
public sealed record SpokenCard(string Folder, IReadOnlyList<SpokenClip> Clips, double ClipSeconds)
{
    private const string Ffmpeg = "/usr/bin/ffmpeg";
    private const string Text2Wave = "/usr/bin/text2wave";

    /// <summary>Sentences pocketsphinx follows well in this voice, each with words no other sentence has (the query).
    /// The query's words are close together: search matches words said in one transcript segment, and pocketsphinx
    /// may break a sentence into two segments ("…leave at seven" / "in the morning").</summary>
    private static readonly (string Sentence, string Query)[] Lines =
    [
        ("please bring the green bag to the kitchen before dinner", "kitchen dinner"),
        ("my brother sold his car last summer", "brother summer"),
        ("she said that the train would leave at seven in the morning", "train seven"),
        ("the children were playing in the park with a red ball", "children park"),
        ("we will meet again at the old bridge tomorrow", "bridge tomorrow"),
    ];

    private static readonly ProcessRunner Runner = new(NullLogger<ProcessRunner>.Instance);

    public double TotalSeconds => Clips.Count * ClipSeconds;

    public static async Task<SpokenCard> MakeAsync(string workFolder, int clips, double clipSeconds, CancellationToken cancellationToken)
    {
        var card = Directory.CreateDirectory(Path.Combine(workFolder, "A002R3DF")).FullName;
        var picture = await BenchClip.MakeAsync(Runner, Directory.CreateDirectory(Path.Combine(workFolder, "picture")).FullName, clipSeconds, cancellationToken).ConfigureAwait(false);
        var made = new List<SpokenClip>();
        for (var i = 0; i < clips; i++)
        {
            var (sentence, query) = Lines[i % Lines.Length];
            var next = Lines[(i + 1) % Lines.Length].Sentence;
            var clip = new SpokenClip(string.Create(CultureInfo.InvariantCulture, $"A002C{i + 1:D3}_261204_R3DF.mov"), sentence, query);
            await MakeClipAsync(picture, Path.Combine(card, clip.FileName), $"{sentence}.\n{next}.\n", clipSeconds, cancellationToken).ConfigureAwait(false);
            made.Add(clip);
        }
        return new SpokenCard(card, made, clipSeconds);
    }

    private static async Task MakeClipAsync(string picture, string path, string text, double seconds, CancellationToken cancellationToken)
    {
        var textFile = Path.Combine(Path.GetDirectoryName(path)!, $".{Guid.NewGuid():N}.txt");
        var speech = Path.ChangeExtension(textFile, ".wav");
        var line = Path.ChangeExtension(textFile, ".line.wav");
        await File.WriteAllTextAsync(textFile, text, cancellationToken).ConfigureAwait(false);
        try
        {
            await Runner.RunAsync(Text2Wave, ["-eval", "(voice_cmu_us_slt_arctic_hts)", textFile, "-o", speech], cancellationToken).ConfigureAwait(false);
            // The two sentences and two seconds of room tone make one line of dialogue; the clip repeats it.
            await Runner.RunAsync(Ffmpeg,
                ["-nostdin", "-v", "error", "-y", "-i", speech, "-af", "aresample=48000,apad=pad_dur=2", "-c:a", "pcm_s16le", line],
                cancellationToken).ConfigureAwait(false);
            await Runner.RunAsync(Ffmpeg,
            [
                "-nostdin", "-v", "error", "-y",
                "-i", picture, "-stream_loop", "-1", "-i", line,
                "-map", "0:v", "-map", "1:a", "-t", seconds.ToString("0.###", CultureInfo.InvariantCulture),
                "-c:v", "copy", "-c:a", "pcm_s16le", "-ar", "48000", "-timecode", "01:00:00:00", path,
            ], TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(textFile);
            File.Delete(speech);
            File.Delete(line);
        }
    }
}
