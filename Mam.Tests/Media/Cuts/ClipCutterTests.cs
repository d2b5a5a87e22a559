using Mam.Media.Cuts;
using Mam.Media.Processes;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media.Cuts;

/// <summary>Cutting a range without re-encoding: where the cut starts (an I-frame), which bytes of the
/// original it needs, and the timecode it carries — on real ffmpeg output and a saved packet index.</summary>
[TestFixture]
public sealed class ClipCutterTests() : TempFolderTest("cut")
{
    private static ClipCutter Cutter() => new(new ProcessRunner(NullLogger<ProcessRunner>.Instance), MediaTestOptions.Defaults());

    [Test]
    public void Plan_FromASavedLongGopPacketIndex_StartsAtTheIFrameBefore_AndSpansTheRangesPackets()
    {
        var index = PacketIndex.Parse(File.ReadAllText(TestMedia.TestDataFile("ffprobe", "packets_longgop_2.4-3.6.json")));

        var plan = CutPlan.From(index, 2.4, 3.6);

        index.VideoStream.ShouldBe(0);
        index.Packets.Count.ShouldBe(116);
        plan.StartSeconds.ShouldBe(2.0);
        plan.StartsEarlier.ShouldBeTrue();
        (plan.FirstByte, plan.LastByte).ShouldBe((48575L, 93469L));
    }

    [Test]
    public void Plan_WhenTheIndexHoldsNoIFrameBeforeTheRange_SaysNoCutCanStartThere()
    {
        var index = new PacketIndex([new Packet(0, 3.0, 1000, 10, Key: false), new Packet(0, 3.04, 1010, 10, Key: false)], 0, 0);

        Should.Throw<InvalidOperationException>(() => CutPlan.From(index, 3.0, 3.5)).Message.ShouldContain("no I-frame at or before");
    }

    [Test]
    public async Task Cut_OfALongGopClip_StartsAtTheIFrameBefore_WithThatFramesTimecode()
    {
        var clip = await CutTestMedia.LongGopAsync(Temp.Path);
        var cutter = Cutter();

        var plan = await cutter.PlanAsync(clip, 5.4, 8.0, CancellationToken.None);
        await cutter.CutAsync(clip, plan, 8.0, "01:00:04:00", Temp.File("cut.mov"), CancellationToken.None);

        plan.StartSeconds.ShouldBe(4.0, 0.001);
        plan.StartsEarlier.ShouldBeTrue();
        plan.FirstByte.ShouldBeGreaterThan(0);
        plan.LastByte.ShouldBeLessThan(new FileInfo(clip).Length - 1);
        var (timecode, duration) = await CutTestMedia.DescribeAsync(Temp.File("cut.mov"));
        timecode.ShouldBe("01:00:04:00");
        duration.ShouldBe(4.0, 0.25, "stream copy ends on whole packets; B-frames may add a frame or two");
    }

    [Test]
    public async Task Cut_OfAnAllIntraClip_StartsExactlyAtTheAskedFrame()
    {
        var clip = await CutTestMedia.AllIntraAsync(Temp.Path);
        var cutter = Cutter();

        var plan = await cutter.PlanAsync(clip, 5.4, 6.0, CancellationToken.None);
        await cutter.CutAsync(clip, plan, 6.0, "01:00:05:10", Temp.File("cut.mov"), CancellationToken.None);

        plan.StartSeconds.ShouldBe(5.4, 0.001);
        plan.StartsEarlier.ShouldBeFalse();
        var (timecode, duration) = await CutTestMedia.DescribeAsync(Temp.File("cut.mov"));
        timecode.ShouldBe("01:00:05:10");
        duration.ShouldBe(0.6, 0.05);
    }
}
