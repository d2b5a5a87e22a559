using System.Text.RegularExpressions;
using Mam.Media.Speech;
using Mam.Media.Speech.Exports;
using Mam.Media.Timecodes;

namespace Mam.Tests.Media.Speech;

[TestFixture]
public sealed partial class ExportWriterTests
{
    private static readonly TranscriptSegmentData[] Phrases =
    [
        new(3.15, 5.93, "the harbour lights were burning bright", [], 0.91),
        new(3725.5, 3727.25, "second line, with \"quotes\"\nand | a pipe", [], 0.42),
        new(10, 11, "=cmd|' /C calc'!A0", [], null),
    ];

    [Test]
    public void Srt_OfPhrases_IsNumberedCuesWithCommaMillisecondsAndSingleLineText()
    {
        var srt = SrtWriter.Write(Phrases);

        var cues = srt.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries);
        cues.Length.ShouldBe(3);
        cues[0].ShouldBe("1\r\n00:00:03,150 --> 00:00:05,930\r\nthe harbour lights were burning bright");
        cues[2].ShouldStartWith("3\r\n01:02:05,500 --> 01:02:07,250\r\n");
        foreach (var cue in cues)
        {
            SrtCue().IsMatch(cue).ShouldBeTrue(cue);
        }
    }

    [Test]
    public void MarkerClock_ForADropFrameClip_LabelsWithSemicolonsAndSkipsDroppedLabels()
    {
        var clock = MarkerClock.For(30000, 1001, "01:00:59;28");

        clock.DropFrame.ShouldBeTrue();
        clock.Label(0).ShouldBe("01:00:59;28");
        clock.Label(2).ShouldBe("01:01:00;02", "01:01:00;00 and ;01 do not exist in drop-frame");
        clock.FrameAt(1.0).ShouldBe(29);
    }

    [Test]
    public void MarkerClock_WithoutAFrameRate_FallsBackTo25FpsFromZero()
    {
        var clock = MarkerClock.For(null, null, null);

        clock.IsFallback.ShouldBeTrue();
        clock.Label(clock.FrameAt(61)).ShouldBe("00:01:01:00");
    }

    [Test]
    public void Csv_OfPhrases_HasTheMarkerColumnsOneRowPerPhraseAndDefusesFormulas()
    {
        var clock = MarkerClock.For(25, 1, "01:00:00:00");

        var csv = MarkerCsvWriter.Write(PhraseMarker.From(Phrases, clock), clock);

        var rows = ParseCsv(csv);
        rows[0].ShouldBe(["Name", "Start TC", "End TC", "Duration", "Comment", "Color", "Confidence"]);
        rows.Count.ShouldBe(4);
        rows[1].ShouldBe(["the harbour lights were burning bright", "01:00:03:03", "01:00:05:23", "00:00:02:21",
            "the harbour lights were burning bright", "Green", "0.91"]);
        rows[2][0].ShouldBe("'=cmd|' /C calc'!A0");
        rows[2][5].ShouldBe("Blue");
        rows[3][4].ShouldBe("second line, with \"quotes\" and | a pipe");
        rows[3][5].ShouldBe("Red");
    }

    [Test]
    public void Edl_ForADropFrameClip_IsCmx3600WithResolveMarkersAndDropFrameTimecodes()
    {
        var clock = MarkerClock.For(30000, 1001, "01:00:58;00");

        var edl = EdlMarkerWriter.Write("A001C001", PhraseMarker.From(Phrases.Take(1), clock), clock);

        var lines = edl.Split('\n');
        lines[0].ShouldBe("TITLE: A001C001");
        lines[1].ShouldBe("FCM: DROP FRAME");
        var evt = EdlEvent().Match(lines[3]);
        evt.Success.ShouldBeTrue(lines[3]);
        evt.Groups["n"].Value.ShouldBe("001");
        // 3.15 s at 29.97 is frame 94 after 01:00:58;00: 01:01:01;06 (labels ;00 and ;01 of minute 1 skipped).
        evt.Groups["srcIn"].Value.ShouldBe("01:01:01;06");
        evt.Groups["recIn"].Value.ShouldBe("01:01:01;06");
        lines[4].ShouldBe(" |C:ResolveColorGreen |M:the harbour lights were burning bright |D:84");
    }

    [Test]
    public void Edl_WithARecordStart_MovesOnlyTheRecordSide()
    {
        var clock = MarkerClock.For(25, 1, "14:22:10:00");

        var edl = EdlMarkerWriter.Write("x", PhraseMarker.From(Phrases.Take(1), clock), clock, Timecode.Parse("01:00:00:00", new(25, 1)));

        var evt = EdlEvent().Match(edl.Split('\n')[3]);
        evt.Groups["srcIn"].Value.ShouldBe("14:22:13:03");
        evt.Groups["recIn"].Value.ShouldBe("01:00:03:03");
        edl.ShouldContain("FCM: NON-DROP FRAME");
    }

    [Test]
    public void Avid_OfPhrases_IsTabSeparatedUserTimecodeTrackColourCommentDuration()
    {
        var clock = MarkerClock.For(24000, 1001, "10:00:00:00");

        var text = AvidMarkerWriter.Write(PhraseMarker.From(Phrases.Take(1), clock), clock);

        text.ShouldBe("MAM\t10:00:03:03\tV1\tgreen\tthe harbour lights were burning bright\t68\n");
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); }
            else { cell.Append(c); }
        }
        return rows;
    }

    [GeneratedRegex(@"^\d+\r\n\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}\r\n[^\r\n]+$")]
    private static partial Regex SrtCue();

    [GeneratedRegex(@"^(?<n>\d{3})  (?<reel>\S{1,8}) +V +C +(?<srcIn>\d\d:\d\d:\d\d[:;]\d\d) (?<srcOut>\d\d:\d\d:\d\d[:;]\d\d) (?<recIn>\d\d:\d\d:\d\d[:;]\d\d) (?<recOut>\d\d:\d\d:\d\d[:;]\d\d)$")]
    private static partial Regex EdlEvent();
}
