using Mam.Media.Probing;
using Mam.Media.Timecodes;

namespace Mam.Tests.Media;

[TestFixture]
public class TimecodeTests
{
    private static readonly FrameRate Ntsc30 = new(30000, 1001);
    private static readonly FrameRate Ntsc60 = new(60000, 1001);
    private static readonly FrameRate Pal = new(25, 1);
    private static readonly FrameRate Film = new(24000, 1001);

    [TestCase(0, "00:00:00;00")]
    [TestCase(1799, "00:00:59;29")]
    [TestCase(1800, "00:01:00;02")]
    [TestCase(3597, "00:01:59;29")]
    [TestCase(3598, "00:02:00;02")]
    [TestCase(17981, "00:09:59;29")]
    [TestCase(17982, "00:10:00;00")]
    [TestCase(107892, "01:00:00;00")]
    public void FromFrames_At2997DropFrame_SkipsLabelsZeroAndOneEachMinuteExceptTenth(long frames, string expected)
    {
        Timecode.FromFrames(frames, Ntsc30, dropFrame: true).ToString().ShouldBe(expected);
    }

    [TestCase("00:01:00;04", 3600)]
    [TestCase("00:10:00;00", 35964)]
    public void FromFrames_At5994DropFrame_SkipsFourLabelsEachMinute(string expected, long frames)
    {
        Timecode.FromFrames(frames, Ntsc60, dropFrame: true).ToString().ShouldBe(expected);
        Timecode.Parse(expected, Ntsc60).ToFrames(Ntsc60).ShouldBe(frames);
    }

    [Test]
    public void FromSeconds_TwoFramesAfterDropFrameStartBeforeTheHour_LandsOnTheHour()
    {
        var twoFrames = 2 * 1001 / 30000.0;

        Timecode.FromSeconds(twoFrames, Ntsc30, "00:59:59;28").ShouldBe("01:00:00;00");
    }

    [Test]
    public void FromSeconds_At25Fps_CountsWholeFramesFromTheStartTimecode()
    {
        Timecode.FromSeconds(3.0, Pal, "10:14:03:00").ShouldBe("10:14:06:00");
        Timecode.FromSeconds(59.96, Pal, "01:00:00:00").ShouldBe("01:00:59:24");
    }

    [Test]
    public void FromSeconds_At23976_IsNonDropWithNominal24()
    {
        // 24 frames of 23.976 last 1.001 s, and are labelled as one timecode second.
        Timecode.FromSeconds(1.001, Film, "01:00:00:00").ShouldBe("01:00:01:00");
        Timecode.FromSeconds(0.5005, Film, "01:00:00:23").ShouldBe("01:00:01:11");
    }

    [Test]
    public void FromSeconds_WithoutStartTimecodeAt2997_StartsAtZeroDropFrame()
    {
        Timecode.FromSeconds(60.06, Ntsc30, null).ShouldBe("00:01:00;02");
        Timecode.FromSeconds(1, Pal, null).ShouldBe("00:00:01:00");
    }

    [TestCase("01:00:00:00", false)]
    [TestCase("00:59:59;28", true)]
    [TestCase("00:59:59.28", true)]
    [TestCase("00:59:59,28", true)]
    public void Parse_SeparatorBeforeFrames_DecidesDropFrame(string text, bool dropFrame)
    {
        Timecode.Parse(text, Ntsc30).DropFrame.ShouldBe(dropFrame);
    }

    [TestCase("00:01:00;00")] // a label drop-frame skips
    [TestCase("00:00:00:30")]
    [TestCase("1:2:3:4")]
    [TestCase("garbage")]
    [TestCase("24:00:00:00")]
    public void TryParse_InvalidAt2997_ReturnsFalse(string text)
    {
        Timecode.TryParse(text, Ntsc30, out _).ShouldBeFalse();
    }

    [Test]
    public void TryParse_Frame25At25Fps_ReturnsFalse()
    {
        Timecode.TryParse("00:00:00:25", Pal, out _).ShouldBeFalse();
    }

    [Test]
    public void Parse_DropFrameAt25Fps_ThrowsFormatExceptionNamingTheRate()
    {
        var ex = Should.Throw<FormatException>(() => Timecode.Parse("01:00:00;00", Pal));
        ex.Message.ShouldContain("29.97");
    }

    [Test]
    public void ToFramesAndFromFrames_RoundTripEveryFrameOfTheFirstElevenMinutesAt2997DropFrame()
    {
        for (long frame = 0; frame < 20_000; frame++)
        {
            var tc = Timecode.FromFrames(frame, Ntsc30, dropFrame: true);
            tc.ToFrames(Ntsc30).ShouldBe(frame);
            Timecode.Parse(tc.ToString(), Ntsc30).ShouldBe(tc);
        }
    }

    [TestCase(25, 1, false)]
    [TestCase(24000, 1001, false)]
    [TestCase(50, 1, false)]
    public void ToFramesAndFromFrames_RoundTripAcrossADay(int num, int den, bool dropFrame)
    {
        var rate = new FrameRate(num, den);
        foreach (var frame in new long[] { 0, 1, 1234, 90_000, 2_000_000 })
        {
            Timecode.FromFrames(frame, rate, dropFrame).ToFrames(rate).ShouldBe(frame);
        }
    }
}
