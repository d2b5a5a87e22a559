using Mam.Media.Speech.Audio;

namespace Mam.Tests.Media.Speech;

[TestFixture]
public sealed class TrackChoiceTests
{
    [Test]
    public void Choose_WhenOneOfEightTracksTalksAndOneCarriesTone_KeepsTheTalkingTrackAndSaysWhy()
    {
        var tracks = Enumerable.Range(0, 8).Select(i => i switch
        {
            0 => new TrackSound(0, 20, []),                                        // tone: never quiet
            2 => new TrackSound(2, 20, [new Interval(0, 4), new Interval(7, 20)]), // a line from 4 to 7 s
            _ => new TrackSound(i, 20, [new Interval(0, 20)]),                     // silent
        }).ToList();

        var choice = TrackChoice.Choose(tracks, -45);

        choice.Tracks.ShouldBe([2]);
        choice.Note!.ShouldContain("track 3 of 8");
        choice.Note!.ShouldContain("left out 1: steady sound");
        choice.Note!.ShouldContain("left out 2, 4, 5, 6, 7, 8: silent");
    }

    [Test]
    public void Choose_WhenSeveralTracksTalk_MixesThem()
    {
        var choice = TrackChoice.Choose([new TrackSound(0, 10, [new Interval(0, 2)]), new TrackSound(1, 10, [new Interval(5, 6)])], -45);

        choice.Tracks.ShouldBe([0, 1]);
        choice.Note!.ShouldContain("tracks 1, 2 of 2 (mixed)");
    }

    [Test]
    public void Choose_WhenEveryTrackIsSilent_ChoosesNothingAndSaysTheAudioIsSilent()
    {
        var choice = TrackChoice.Choose([new TrackSound(0, 10, [new Interval(0, 10)]), new TrackSound(1, 10, [new Interval(0, 10)])], -45);

        choice.IsSilent.ShouldBeTrue();
        choice.Note!.ShouldContain("silent throughout");
        choice.Note!.ShouldContain("-45 dBFS on all 2 audio tracks");
    }

    [Test]
    public void Choose_ForASingleTrackWithSound_KeepsItWithoutANote()
    {
        var choice = TrackChoice.Choose([new TrackSound(0, 10, [])], -45);

        choice.Tracks.ShouldBe([0]);
        choice.Note.ShouldBeNull();
    }

    [Test]
    public void ParseSilences_OfSilencedetectTags_PairsStartsWithEndsAndClosesTheLastAtTheEnd()
    {
        // ametadata's print of silencedetect on a 4-hour recording (ffmpeg 5.1).
        string[] lines =
        [
            "frame:6    pts:3440    pts_time:0.43", "lavfi.silence_start=0",
            "frame:8336 pts:4801520 pts_time:600.19", "lavfi.silence_end=600.21", "lavfi.silence_duration=600.21",
            "frame:8365 pts:4818224 pts_time:602.278", "lavfi.silence_start=601.845",
        ];

        var silences = AudioListener.ParseSilences(lines, 14400);

        silences.ShouldBe([new Interval(0, 600.21), new Interval(601.845, 14400)]);
    }

    [TestCase("/srv/media/plain/file.txt", "/srv/media/plain/file.txt")]
    [TestCase("/srv/media/a:b,c/it's[1].txt", @"/srv/media/a\\:b\,c/it\\\'s\[1\].txt")]
    public void EscapeValue_ForAPathInAFilterGraph_EscapesBothLevels(string path, string expected) =>
        FilterGraph.EscapeValue(path).ShouldBe(expected);
}
