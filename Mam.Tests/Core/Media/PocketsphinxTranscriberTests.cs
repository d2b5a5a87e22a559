using Mam.Core.Media.Probing;
using Mam.Core.Media.Processes;
using Mam.Core.Media.Speech;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Core.Media;

[TestFixture]
[Category("Media")]
public class PocketsphinxTranscriberTests
{
    private readonly PocketsphinxTranscriber transcriber = new(
        new ProcessRunner(NullLogger<ProcessRunner>.Instance), new XabeMediaProbe(MediaTestOptions.Defaults()), MediaTestOptions.Defaults());

    [Test]
    public async Task TranscribeAsync_SpokenSentence_FindsItsWordsWhereTheyWereSpoken()
    {
        using var temp = new TempFolder();
        var clip = await TestMedia.MakeSpeechClipAsync(temp.Path, "Scene 12 – take 2.mov", TestMedia.DefaultSentence, 4.0, 10, CancellationToken.None);

        var transcript = await transcriber.TranscribeAsync(clip.Path, CancellationToken.None);

        transcript.Engine.ShouldBe("pocketsphinx");
        var words = transcript.Segments.SelectMany(s => s.Words).ToList();
        words.Select(w => w.Word).ShouldContain("kitchen");
        words.Select(w => w.Word).ShouldContain("dinner");
        transcript.Segments[0].Start.ShouldBe(clip.SentenceOffsetSeconds, 1.0);
        var kitchen = words.First(w => w.Word == "kitchen");
        kitchen.Start.ShouldBeGreaterThan(clip.SentenceOffsetSeconds);
        kitchen.Start.ShouldBeLessThan(clip.SentenceOffsetSeconds + 4);
    }

    [Test]
    public async Task TranscribeAsync_ClipWithoutAudio_ReturnsAnEmptyTranscript()
    {
        using var temp = new TempFolder();
        var clip = await TestMedia.MakeClipWithoutAudioAsync(temp.Path, "broll.mov", 1, CancellationToken.None);

        var transcript = await transcriber.TranscribeAsync(clip, CancellationToken.None);

        transcript.Segments.ShouldBeEmpty();
    }
}
