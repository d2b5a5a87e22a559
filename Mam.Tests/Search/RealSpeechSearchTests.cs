using System.Globalization;
using Mam.Media.Probing;
using Mam.Media.Speech;
using Mam.Media.Timecodes;
using Mam.Search;
using Mam.Tests.Media.Speech;
using Mam.Tests.Support;

namespace Mam.Tests.Search;

/// <summary>Real read speech (the LibriVox recordings in Debian's pocketsphinx-testdata) muxed into one
/// clip with a known start timecode, transcribed by the real pipeline's transcriber and indexed as the
/// index stage indexes it: every phrase the recogniser heard must be found within half a second of
/// where it is spoken. Where it is spoken is measured independently: each recording is recognised on
/// its own, and its words' times are moved by where the recording was placed in the clip.</summary>
[TestFixture]
[Category("Media")]
public sealed class RealSpeechSearchTests
{
    private const string Librivox = "/usr/share/pocketsphinx/test/data/librivox";
    private const double Pause = 1.5;
    private const string StartTimecode = "10:00:00:00";
    private static readonly FrameRate Rate = new(25, 1);

    [Test]
    public async Task EveryRecognisedPhrase_IsFoundWithinHalfASecondOfWhereItIsSpoken()
    {
        if (!Directory.Exists(Librivox))
        {
            Assert.Ignore($"Debian's pocketsphinx-testdata is not installed ({Librivox}); infra/install-deps.sh installs it.");
        }

        using var temp = new TempFolder("real-speech");
        var recordings = Directory.GetFiles(Librivox, "*.wav").Order(StringComparer.Ordinal).ToList();
        var (clip, offsets) = await MuxAsync(recordings, Path.Combine(temp.Path, "A001C001.mov"));

        var spoken = new List<(string Phrase, double At)>();
        var engine = SpeechTestServices.Pocketsphinx();
        for (var i = 0; i < recordings.Count; i++)
        {
            var alone = await engine.TranscribeAsync(new SpeechChunk(recordings[i], 0), CancellationToken.None);
            spoken.AddRange(Phrases(alone.SelectMany(s => s.Words).ToList()).Select(p => (p.Phrase, offsets[i] + p.At)));
        }

        var transcript = await SpeechTestServices.Transcriber().TranscribeAsync(clip, CancellationToken.None);
        var heard = string.Join(' ', transcript.Segments.Select(s => s.Text));
        await using var index = await TempSearchIndex.CreateAsync();
        await index.IndexAsync(new AssetDocument(Guid.NewGuid(), "Sense and Sensibility", "A001", "A001C001", "",
            transcript.Segments.Select(s => new SegmentDocument(s.Start, s.End, s.Text, SegmentSources.Transcript)
            {
                Words = s.Words.Select(w => new WordTiming(w.Word, w.Start, w.End)).ToList(),
            }).ToList()));

        var checkedPhrases = 0;
        foreach (var (phrase, at) in spoken.Where(p => heard.Contains(p.Phrase, StringComparison.Ordinal)))
        {
            var hits = await index.SearchAsync($"\"{phrase}\"", limit: 200);
            hits.ShouldNotBeEmpty($"\"{phrase}\" was heard in the clip");
            var nearest = hits.MinBy(h => Math.Abs(h.Start!.Value - at))!;
            var segment = transcript.Segments.Last(s => s.Start <= nearest.Start!.Value + 0.01);
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phrase,-24} spoken {Tc(at)} ({at,6:0.00} s)  hit {Tc(nearest.Start!.Value)} ({nearest.Start,6:0.00} s)  its segment starts {segment.Start,6:0.00} s"));
            nearest.Start!.Value.ShouldBe(at, 0.5, $"\"{phrase}\"");
            checkedPhrases++;
        }

        checkedPhrases.ShouldBeGreaterThanOrEqualTo(5, "most phrases heard alone are heard in the clip too");
    }

    /// <summary>Two-word phrases a person would type (one word of four letters or more), starting at least
    /// half a second into the recording, one every few words.</summary>
    private static IEnumerable<(string Phrase, double At)> Phrases(List<TranscriptWord> words)
    {
        for (var i = 0; i + 1 < words.Count; i += 3)
        {
            var (first, second) = (words[i], words[i + 1]);
            if (first.Start >= 0.5 && Math.Max(first.Word.Length, second.Word.Length) >= 4)
            {
                yield return ($"{first.Word} {second.Word}", first.Start);
            }
        }
    }

    /// <summary>The recordings one after the other with pauses between them, under black video, with the
    /// start timecode 10:00:00:00; returns where each recording starts in the clip.</summary>
    private static async Task<(string Clip, List<double> Offsets)> MuxAsync(List<string> recordings, string clip)
    {
        var offsets = new List<double>();
        var arguments = new List<string> { "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "color=black:s=320x180:r=25" };
        var filter = new List<string>();
        var at = 0.0;
        for (var i = 0; i < recordings.Count; i++)
        {
            arguments.AddRange(["-i", recordings[i]]);
            var seconds = await DurationAsync(recordings[i]);
            filter.Add(string.Create(CultureInfo.InvariantCulture, $"anullsrc=r=16000:cl=mono,atrim=duration={Pause}[s{i}]"));
            at += Pause;
            offsets.Add(at);
            at += seconds;
        }

        var chain = string.Concat(Enumerable.Range(0, recordings.Count).Select(i => $"[s{i}][{i + 1}:a]"));
        filter.Add($"{chain}concat=n={recordings.Count * 2}:v=0:a=1[speech]");
        arguments.AddRange(["-filter_complex", string.Join(';', filter), "-map", "0:v", "-map", "[speech]", "-shortest",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "pcm_s16le", "-timecode", StartTimecode, clip]);
        var result = await SpeechTestServices.Runner.RunAsync("ffmpeg", arguments, CancellationToken.None);
        result.ExitCode.ShouldBe(0, result.StandardErrorTail);
        return (clip, offsets);
    }

    private static async Task<double> DurationAsync(string file)
    {
        var result = await SpeechTestServices.Runner.RunAsync("ffprobe",
            ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], CancellationToken.None);
        return double.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    private static string Tc(double seconds) => Timecode.FromSeconds(seconds, Rate, StartTimecode);
}
