using Mam.Media.Analysis.Sampling;
using Mam.Media.Analysis.Shots;

namespace Mam.Tests.Media.Analysis;

[TestFixture]
public sealed class ShotsAndSamplingTests
{
    [Test]
    public void ParseCut_ReadsScdetsLogLine()
    {
        ScdetLog.ParseCut("[scdet @ 0x55f4e442e180] lavfi.scd.score: 24.315, lavfi.scd.time: 2.8").ShouldBe((2.8, 24.315));
        ScdetLog.ParseCut("[scdet @ 0x55f4e442e180] something else").ShouldBeNull();
    }

    [Test]
    public void ToShots_CoverTheWholeClipFromCutToCut()
    {
        var shots = ScdetLog.ToShots([(6.8, 29.5), (2.8, 24.3), (11.0, 49.3)], 12);

        shots.Select(s => (s.Start, s.End)).ShouldBe([(0, 2.8), (2.8, 6.8), (6.8, 11.0), (11.0, 12)]);
        shots[0].CutScore.ShouldBeNull();
        shots[1].CutScore.ShouldBe(24.3);
        shots.Select(s => s.Number).ShouldBe([1, 2, 3, 4]);
    }

    [Test]
    public void ToShots_AFlashOfAFewFramesIsNotAShotOfItsOwn()
    {
        var shots = ScdetLog.ToShots([(4.0, 40), (4.08, 45), (4.12, 30)], 10);

        shots.Select(s => (s.Start, s.End)).ShouldBe([(0, 4.0), (4.0, 10)]);
    }

    [Test]
    public void ToShots_WithoutCuts_IsOneShot() =>
        ScdetLog.ToShots([], 8).ShouldHaveSingleItem().ShouldBe(new Shot(1, 0, 8, null));

    [Test]
    public void Choose_SeesEveryShotAtItsMiddleEvenAShortOne()
    {
        var shots = ScdetLog.ToShots([(10.0, 30), (10.4, 30)], 30);

        var samples = FramePlan.Choose(shots, 30, TimeSpan.FromSeconds(5), 100);

        samples.ShouldContain(s => Math.Abs(s.Time - 10.2) < 0.001 && s.ShotNumber == 2);
        samples.ShouldContain(s => Math.Abs(s.Time - 15) < 0.001 && s.ShotNumber == 3, "and one every interval in a long shot");
        samples.Select(s => s.Time).ShouldBeInOrder();
        samples.Select(s => s.Index).ShouldBe(Enumerable.Range(0, samples.Count));
    }

    [Test]
    public void Choose_ForALongClip_StaysUnderTheCapAndSpansTheClip()
    {
        var shots = ScdetLog.ToShots(Enumerable.Range(1, 399).Select(i => (i * 9.0, 20.0)), 3600);

        var samples = FramePlan.Choose(shots, 3600, TimeSpan.FromSeconds(4), 150);

        samples.Count.ShouldBe(150);
        samples[0].Time.ShouldBeLessThan(10);
        samples[^1].Time.ShouldBeGreaterThan(3500);
        samples.ShouldAllBe(s => s.Time < 3600);
    }

    [Test]
    public void Choose_NeverSeeksPastTheEnd()
    {
        var samples = FramePlan.Choose([new Shot(1, 0, 2, null)], 2, TimeSpan.FromSeconds(1), 10);

        samples.ShouldAllBe(s => s.Time <= 1.95);
    }
}
