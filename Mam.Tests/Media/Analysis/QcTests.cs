using Mam.Media.Analysis;
using Mam.Media.Analysis.Qc;

namespace Mam.Tests.Media.Analysis;

[TestFixture]
public sealed class QcTests
{
    private static readonly QcOptions Options = new();

    [Test]
    public void Log_ReadsEachFiltersFindingsAndTheLastLoudnessSummary()
    {
        var log = Read(12, """
            [Parsed_ebur128_4 @ 0x5648026b6cc0] Summary:
              Integrated loudness:
                I:         -70.0 LUFS
              True peak:
                Peak:       -inf dBFS
            [blackdetect @ 0x5648026b4100] black_start:0 black_end:0.8 black_duration:0.8
            [freezedetect @ 0x5648026b5140] lavfi.freezedetect.freeze_start: 6.8
            [silencedetect @ 0x5648026b6180] silence_start: 6.80533
            [silencedetect @ 0x5648026b6180] silence_end: 9.81333 | silence_duration: 3.008
            [freezedetect @ 0x5648026b5140] lavfi.freezedetect.freeze_duration: 3.04
            [freezedetect @ 0x5648026b5140] lavfi.freezedetect.freeze_end: 9.84
            [Parsed_ebur128_4 @ 0x5648026b6cc0] Summary:

              Integrated loudness:
                I:         -32.5 LUFS
                Threshold: -42.5 LUFS

              Loudness range:
                LRA:         7.9 LU

              True peak:
                Peak:      -27.9 dBFS
            [blackdetect @ 0x5648026b4100] black_start:11 black_end:11.96 black_duration:0.96
            """);

        log.Black.ShouldBe([new TimeRange(0, 0.8), new TimeRange(11, 11.96)]);
        log.Freeze.ShouldBe([new TimeRange(6.8, 9.84)]);
        log.Silence.ShouldBe([new TimeRange(6.80533, 9.81333)]);
        log.IntegratedLufs.ShouldBe(-32.5);
        log.TruePeakDbtp.ShouldBe(-27.9);
        log.Undecodable.ShouldBeEmpty();
    }

    [Test]
    public void Log_OfAClipSilentAndFrozenToTheEnd_ClosesBothAtTheEndAndHasNoLoudness()
    {
        var log = Read(4, """
            [silencedetect @ 0x1] silence_start: 0
            [freezedetect @ 0x2] lavfi.freezedetect.freeze_start: 0
            [Parsed_ebur128_4 @ 0x3] Summary:
                I:         -70.0 LUFS
              True peak:
                Peak:       -inf dBFS
            """);

        log.Silence.ShouldBe([new TimeRange(0, 4)]);
        log.Freeze.ShouldBe([new TimeRange(0, 4)]);
        log.IntegratedLufs.ShouldBeNull();
        log.TruePeakDbtp.ShouldBeNull();
    }

    [Test]
    public void Log_WhenFramesCouldNotBeDecoded_FindsTheRangeThatIsMissing()
    {
        var lines = Enumerable.Range(0, 300).Where(n => n is < 129 or > 163)
            .Select(n => $"[Parsed_metadata_1 @ 0x4] frame:{n} pts:{n * 512} pts_time:{n * 0.04:0.##}")
            .Append("Error while decoding stream #0:0: Invalid data found when processing input")
            .Append("    Last message repeated 1 times");

        var log = Read(12, string.Join('\n', lines));

        log.Undecodable.ShouldHaveSingleItem().Start.ShouldBe(5.16, 0.001);
        log.Undecodable[0].End.ShouldBe(6.56, 0.001);
        log.DecodeErrors.ShouldBe(2);
        log.FramesDecoded.ShouldBe(265);
    }

    [Test]
    public void Log_GapsWithoutDecodeErrors_AreNotCalledCorrupt()
    {
        var log = Read(10, "[Parsed_metadata_1 @ 0x4] frame:0 pts:0 pts_time:0\n[Parsed_metadata_1 @ 0x4] frame:1 pts:0 pts_time:5");

        log.Undecodable.ShouldBeEmpty();
    }

    [Test]
    public void Verdict_OfAGoodClip_IsPassWithTheLoudnessInWords()
    {
        var (report, findings) = QcVerdict.Judge(Measurements(lufs: -23.1, peak: -3.2), Facts(60), Options);

        report.Level.ShouldBe(QcLevel.Pass);
        report.Summary.ShouldBe("No issues found.\nLoudness -23.1 LUFS integrated\nTrue peak -3.2 dBTP");
        report.IntegratedLufs.ShouldBe(-23.1);
        findings.Select(f => f.Label).ShouldBe(["loudness", "true peak"]);
    }

    [Test]
    public void Verdict_OfABlackClip_FailsWithBlackThroughout()
    {
        var (report, findings) = QcVerdict.Judge(Measurements(black: [new(0, 9.96)]), Facts(10, audio: false), Options);

        report.Level.ShouldBe(QcLevel.Fail);
        report.Summary!.ShouldStartWith("Black throughout");
        findings.ShouldHaveSingleItem().End.ShouldBe(10, "a finding that reaches the last frame runs to the end");
    }

    [Test]
    public void Verdict_OfASilentClip_FailsWithSilentThroughoutAndNoLoudness()
    {
        var (report, _) = QcVerdict.Judge(Measurements(silence: [new(0, 30)]), Facts(30), Options);

        report.Level.ShouldBe(QcLevel.Fail);
        report.Summary!.ShouldContain("Silent throughout");
        report.IntegratedLufs.ShouldBeNull();
    }

    [Test]
    public void Verdict_OfAClipWithoutAudio_HasNoLoudnessAndNoSilenceFinding()
    {
        var (report, findings) = QcVerdict.Judge(Measurements(silence: [new(0, 30)], lufs: -20), Facts(30, audio: false), Options);

        report.IntegratedLufs.ShouldBeNull();
        report.TruePeakDbtp.ShouldBeNull();
        report.Level.ShouldBe(QcLevel.Pass);
        report.Summary!.ShouldContain("No audio");
        findings.ShouldNotContain(f => f.Label == "silence" || f.Label == "loudness");
    }

    [Test]
    public void Verdict_OfLoudAudioWithHotPeaks_WarnsAboutBoth()
    {
        var (report, _) = QcVerdict.Judge(Measurements(lufs: -9.4, peak: 0.3), Facts(30), Options);

        report.Level.ShouldBe(QcLevel.Warning);
        report.Summary!.ShouldContain("Loud: -9.4 LUFS integrated (above -16 LUFS)");
        report.Summary!.ShouldContain("Peaks at +0.3 dBTP: likely clipping");
    }

    [Test]
    public void Verdict_OfACorruptRange_FailsAndSaysWhere()
    {
        var (report, findings) = QcVerdict.Judge(Measurements(undecodable: [new(5.16, 6.56)], errors: 24), Facts(12), Options);

        report.Level.ShouldBe(QcLevel.Fail);
        report.Summary!.ShouldContain("Picture cannot be decoded for 1.4 s from 5.2 s");
        findings.ShouldContain(f => f.Label == "undecodable" && f.Source == "ffmpeg");
    }

    [Test]
    public void Verdict_AFreezeOnAHeldSlateOrOnBlack_IsNoFinding()
    {
        var m = Measurements(black: [new(10, 13)], freeze: [new(0.8, 2.8), new(10, 13), new(20, 25)]);

        var (_, findings) = QcVerdict.Judge(m, Facts(30), Options, heldStill: [new(0.7, 2.8)]);

        findings.Where(f => f.Label == "freeze").ShouldHaveSingleItem().Start.ShouldBe(20);
    }

    private static QcMeasurements Read(double duration, string log)
    {
        var reader = new QcLog(duration, 25);
        foreach (var line in log.Split('\n'))
        {
            reader.Read(line);
        }
        return reader.Result();
    }

    private static ClipFacts Facts(double duration, bool audio = true) => new(duration, true, audio, 25);

    private static QcMeasurements Measurements(
        TimeRange[]? black = null, TimeRange[]? silence = null, TimeRange[]? freeze = null, TimeRange[]? undecodable = null,
        double? lufs = null, double? peak = null, int errors = 0) =>
        new(black ?? [], silence ?? [], freeze ?? [], undecodable ?? [], lufs, peak, errors, 100);
}
