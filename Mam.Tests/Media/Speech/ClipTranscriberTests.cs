using Mam.Hosting;
using Mam.Media.Speech;
using Mam.Tests.Support;

namespace Mam.Tests.Media.Speech;

/// <summary>The whole clip path with the real tools: ffprobe, ffmpeg (silencedetect, cutting), pocketsphinx.</summary>
[TestFixture]
[Category("Media")]
public sealed class ClipTranscriberTests
{
    [Test]
    public async Task Transcribe_SpokenSentence_FindsItsWordsWhereTheyWereSpokenWithConfidence()
    {
        using var temp = new TempFolder("speech");
        var clip = await TestMedia.MakeSpeechClipAsync(temp.Path, "Scene 12 – take 2.mov", TestMedia.DefaultSentence, 4.0, 10, CancellationToken.None);

        var transcript = await SpeechTestServices.Transcriber().TranscribeAsync(clip.Path, CancellationToken.None);

        transcript.Engine.ShouldBe("pocketsphinx");
        var words = transcript.Segments.SelectMany(s => s.Words).ToList();
        words.Select(w => w.Word).ShouldContain("kitchen");
        transcript.Segments[0].Start.ShouldBe(clip.SentenceOffsetSeconds, 1.0);
        words.First(w => w.Word == "kitchen").Start.ShouldBeInRange(clip.SentenceOffsetSeconds, clip.SentenceOffsetSeconds + 4);
        transcript.Segments.ShouldAllBe(s => s.Confidence > 0 && s.Confidence <= 1);
        transcript.ChunksTranscribed.ShouldBe(1);
    }

    [Test]
    public async Task Transcribe_CutsItsPiecesInTheWorkFolderAndRemovesThemAfter()
    {
        using var temp = new TempFolder("speech");
        using var work = new TempFolder("speech-work");
        var clip = await TestMedia.MakeSpeechClipAsync(temp.Path, "A001C001.mov", TestMedia.DefaultSentence, 4.0, 10, CancellationToken.None);
        var engine = new PieceWatchingEngine(SpeechTestServices.Pocketsphinx());

        var transcript = await SpeechTestServices.Transcriber(engine, work: new WorkFolders(work.Path)).TranscribeAsync(clip.Path, CancellationToken.None);

        transcript.ChunksTranscribed.ShouldBe(1);
        engine.Pieces.ShouldHaveSingleItem().ShouldStartWith(Path.Combine(work.Path, "transcribe-"), Case.Sensitive, "the piece is cut into the work folder");
        ScratchLeft.In(work.Path).ShouldBeEmpty("the transcriber removes its scratch folder");
    }

    [Test]
    public async Task Transcribe_EightMonoTracksWithSpeechOnTrackThreeAndToneOnTrackOne_FindsThePhraseAndSaysWhichTrack()
    {
        using var temp = new TempFolder("speech");
        var clip = await SpeechMedia.MakeMultiTrackClipAsync(temp.Path, "A004C002 8tr.mov", tracks: 8, speechTrack: 2, toneTrack: 0,
            [new SpeechMedia.Line(3, SpeechMedia.Harbour)], seconds: 9, CancellationToken.None);

        var transcript = await SpeechTestServices.Transcriber().TranscribeAsync(clip, CancellationToken.None);

        var words = transcript.Segments.SelectMany(s => s.Words).ToList();
        words.Select(w => w.Word).ShouldContain("harbour");
        words.First(w => w.Word == "harbour").Start.ShouldBeInRange(3.0, 4.5);
        transcript.Note!.ShouldContain("track 3 of 8");
        transcript.Note!.ShouldContain("left out 1: steady sound");
    }

    [Test]
    public async Task Transcribe_SilenceOnly_ReturnsNoPhrasesAndANoteThatTheAudioIsSilent()
    {
        using var temp = new TempFolder("speech");
        var clip = await SpeechMedia.MakeSilentClipAsync(temp.Path, "MOS take.mov", 5, CancellationToken.None);

        var transcript = await SpeechTestServices.Transcriber().TranscribeAsync(clip, CancellationToken.None);

        transcript.Segments.ShouldBeEmpty();
        transcript.ChunksTranscribed.ShouldBe(0, "nothing is sent to the engine");
        transcript.Note!.ShouldContain("silent throughout");
    }

    [Test]
    public async Task Transcribe_ClipWithoutAudio_ReturnsNoPhrasesAndSaysThereIsNoAudio()
    {
        using var temp = new TempFolder("speech");
        var clip = await TestMedia.MakeClipWithoutAudioAsync(temp.Path, "broll.mov", 1, CancellationToken.None);

        var transcript = await SpeechTestServices.Transcriber().TranscribeAsync(clip, CancellationToken.None);

        transcript.Segments.ShouldBeEmpty();
        transcript.Note.ShouldBe("The clip has no audio stream.");
    }

    [Test]
    public async Task Transcribe_FourHourRecording_FindsEachLineAtItsTimeFromSeparatePieces()
    {
        using var temp = new TempFolder("speech");
        SpeechMedia.Line[] lines = [new(600, TestMedia.DefaultSentence), new(5400, SpeechMedia.Harbour), new(13000, SpeechMedia.Bridge)];
        var recording = await SpeechMedia.MakeLongRecordingAsync(temp.Path, "sound roll 4h.flac", lines, 4 * 3600, CancellationToken.None);

        // The OpenAI-sized limit: four hours must be cut into pieces of at most ten minutes.
        var speech = new SpeechOptions { Pocketsphinx = { MaxChunkSeconds = 600 } };
        var transcript = await SpeechTestServices.Transcriber(speech: speech).TranscribeAsync(recording, CancellationToken.None);

        transcript.ChunksTranscribed.ShouldBe(3, transcript.Note);
        transcript.Note!.ShouldContain("cut on pauses into 3 pieces");
        foreach (var (word, at) in new[] { ("kitchen", 600.0), ("lights", 5400.0), ("bridge", 13000.0) })
        {
            var heard = transcript.Segments.SelectMany(s => s.Words).Where(w => w.Word == word).ToList();
            heard.ShouldNotBeEmpty($"'{word}' spoken at {at} s");
            heard[0].Start.ShouldBeInRange(at, at + 4, $"'{word}' spoken at {at} s");
        }
    }
}

/// <summary>The real engine, noting each piece it is handed while the piece is there to hear.</summary>
internal sealed class PieceWatchingEngine(ISpeechEngine engine) : ISpeechEngine
{
    public List<string> Pieces { get; } = [];

    public string Name => engine.Name;

    public double MaxChunkSeconds => engine.MaxChunkSeconds;

    public Task<IReadOnlyList<TranscriptSegmentData>> TranscribeAsync(SpeechChunk chunk, CancellationToken cancellationToken)
    {
        File.Exists(chunk.WavPath).ShouldBeTrue(chunk.WavPath);
        Pieces.Add(chunk.WavPath);
        return engine.TranscribeAsync(chunk, cancellationToken);
    }
}
