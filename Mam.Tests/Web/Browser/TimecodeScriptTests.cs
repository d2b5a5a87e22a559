using Mam.Media.Probing;
using Mam.Media.Timecodes;

namespace Mam.Tests.Web.Browser;

/// <summary>The clip page computes the playhead timecode in the browser; it must agree frame for frame
/// with the server's Timecode (which labels search hits and transcripts), drop-frame included.</summary>
[TestFixture]
public sealed class TimecodeScriptTests : BrowserTest
{
    private static readonly (int Numerator, int Denominator, string? Start)[] Clocks =
    [
        (25, 1, "01:00:00:00"),
        (24000, 1001, "10:59:59:23"),
        (30000, 1001, null),
        (30000, 1001, "00:58:59;28"),
        (30000, 1001, "01:00:00:00"),
        (60000, 1001, "23:59:59;58"),
        (50, 1, "23:59:50:00"),
        (24, 1, null),
    ];

    [Test]
    public async Task PlayheadTimecode_InTheBrowser_MatchesTheServersTimecodeAtEveryRate()
    {
        await Page.GotoAsync("/");
        var random = new Random(5);
        var cases = Clocks.SelectMany(c => new[] { 0, 0.04, 59.94, 60, 60.06, 599.9, 600, 3600.5 }
            .Concat(Enumerable.Range(0, 40).Select(_ => Math.Round(random.NextDouble() * 7200, 3)))
            .Select(seconds => new { num = c.Numerator, den = c.Denominator, start = c.Start, seconds })).ToArray();

        var browser = await EvalAsync<string[]>(
            "async cases => { const t = await import('/web/timecode.js'); return cases.map(c => t.timecodeAt(c.seconds, { num: c.num, den: c.den }, c.start)); }",
            cases);

        var server = cases.Select(c => Timecode.FromSeconds(c.seconds, new FrameRate(c.num, c.den), c.start)).ToArray();
        browser.ShouldBe(server);
    }

    [Test]
    public async Task GoToTimecode_InTheBrowser_IsTheInverseOfThePlayheadTimecode()
    {
        await Page.GotoAsync("/");

        var roundTrips = await EvalAsync<bool[]>("""
            async () => {
              const t = await import('/web/timecode.js');
              const results = [];
              for (const [rate, start] of [[{ num: 30000, den: 1001 }, "00:09:59;00"], [{ num: 25, den: 1 }, "01:00:00:00"]]) {
                for (let frame = 0; frame < 4000; frame += 7) {
                  const label = t.fromFrames(t.toFrames(t.parseTimecode(start, rate), rate) + frame, rate, start.includes(";"));
                  const seconds = t.secondsAt(label, rate, start);
                  results.push(t.timecodeAt(seconds, rate, start) === label);
                }
              }
              return results;
            }
            """);

        roundTrips.ShouldAllBe(ok => ok);
        roundTrips.Length.ShouldBeGreaterThan(1000);
    }
}
