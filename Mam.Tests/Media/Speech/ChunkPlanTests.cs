using Mam.Media.Speech.Audio;

namespace Mam.Tests.Media.Speech;

[TestFixture]
public sealed class ChunkPlanTests
{
    [Test]
    public void Plan_ForAClipShorterThanTheLimit_IsOnePieceTrimmedToItsSound()
    {
        var pieces = ChunkPlan.Plan(60, [new Interval(0, 10), new Interval(40, 60)], maxChunkSeconds: 600);

        pieces.ShouldHaveSingleItem().ShouldBe(new Interval(10 - ChunkPlan.PaddingSeconds, 40 + ChunkPlan.PaddingSeconds));
    }

    [Test]
    public void Plan_ForContinuousTalkWithPauses_CutsAtTheMiddleOfThePauseNearestTheLimit()
    {
        // Talk from 0 to 1500 s with pauses at 200, 520 and 590 s (each 2 s long).
        Interval[] pauses = [new(200, 202), new(520, 522), new(590, 592), new(1100, 1104)];

        var pieces = ChunkPlan.Plan(1500, pauses, maxChunkSeconds: 600);

        // Cuts at 591 and 1102; each piece then loses the silence beyond half a second of padding.
        pieces[0].ShouldBe(new Interval(0, 590.5));
        pieces[1].ShouldBe(new Interval(591.5, 1100.5));
        pieces[2].ShouldBe(new Interval(1103.5, 1500));
        pieces.ShouldAllBe(p => p.Length <= 600);
    }

    [Test]
    public void Plan_WhenNobodyPausesNearTheLimit_CutsHardAtTheLimit()
    {
        var pieces = ChunkPlan.Plan(1000, [new Interval(100, 101)], maxChunkSeconds: 400);

        pieces.Select(p => p.Start).ShouldBe([0, 400, 800]);
        pieces.ShouldAllBe(p => p.Length <= 400);
        pieces[^1].End.ShouldBe(1000);
    }

    [Test]
    public void Plan_ForALongRecordingOfMostlySilence_SendsOnlyThePiecesWithSound()
    {
        // Four hours, three short lines; everything else silent.
        Interval[] silences = [new(0, 600.2), new(602.0, 5400.2), new(5402.0, 13000.2), new(13002.0, 14400)];

        var pieces = ChunkPlan.Plan(14400, silences, maxChunkSeconds: 600);

        pieces.Count.ShouldBe(3);
        pieces.ShouldAllBe(p => p.Length < 5);
        pieces[1].Contains(5401).ShouldBeTrue();
    }

    [Test]
    public void Plan_ForSilenceOnly_IsEmpty()
    {
        ChunkPlan.Plan(30, [new Interval(0, 30)], maxChunkSeconds: 600).ShouldBeEmpty();
        ChunkPlan.Plan(0, [], maxChunkSeconds: 600).ShouldBeEmpty();
    }

    [Test]
    public void Common_OfTwoTracksSilences_IsWhereBothAreQuiet()
    {
        var common = Interval.Common([[new Interval(0, 10), new Interval(20, 30)], [new Interval(5, 25)]]);

        common.ShouldBe([new Interval(5, 10), new Interval(20, 25)]);
    }
}
