using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Media.Probing;
using Mam.Media.Timecodes;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api;

/// <summary>The transcript exports an editor downloads, on catalogued transcripts (no media needed).</summary>
[TestFixture]
public sealed partial class TranscriptExportTests
{
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;
    private Guid _pal;
    private Guid _ntsc;

    [OneTimeSetUp]
    public async Task CatalogTwoTranscribedClips()
    {
        _api = new MamApiFactory();
        _client = _api.CreateReader();
        // A 25 fps camera clip starting at time of day, and an NTSC clip in drop-frame just before a minute.
        _pal = await AddTranscribedClipAsync("A001C001_261121_R1AB", 25, 1, "14:22:10:00");
        _ntsc = await AddTranscribedClipAsync("N001C003", 30000, 1001, "01:00:58;00");
    }

    [OneTimeTearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Srt_OfATranscribedClip_IsSubRipNumberedFromOneWithTheClipsFileName()
    {
        var response = await _client.GetAsync($"/api/assets/{_pal}/transcript.srt");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-subrip");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("A001C001_261121_R1AB.srt");
        var cues = (await response.Content.ReadAsStringAsync()).Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries);
        cues.Length.ShouldBe(3);
        for (var i = 0; i < cues.Length; i++)
        {
            var cue = SrtCue().Match(cues[i]);
            cue.Success.ShouldBeTrue(cues[i]);
            cue.Groups["n"].Value.ShouldBe((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            string.CompareOrdinal(cue.Groups["from"].Value, cue.Groups["to"].Value).ShouldBeLessThan(0);
        }
        cues[0].ShouldContain("00:00:03,150 --> 00:00:05,930");
    }

    [Test]
    public async Task MarkersCsv_HasTheMarkerColumnsAndOneRowPerPhraseOnTheClipsTimecode()
    {
        var response = await _client.GetAsync($"/api/assets/{_pal}/markers.csv");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Name,Start TC,End TC,Duration,Comment,Color,Confidence");
        lines.Length.ShouldBe(4);
        lines[1].ShouldBe("the harbour lights were burning bright,14:22:13:03,14:22:15:23,00:00:02:21,the harbour lights were burning bright,Green,0.91");
        lines[2].ShouldStartWith("\"bring the bag, then the boat | now\",14:22:20:00,");
        lines[3].ShouldEndWith(",Red,0.35");
    }

    [Test]
    public async Task MarkersEdl_ForADropFrameClip_ParsesAsCmx3600WithDropFrameTimecodesAndResolveMarkers()
    {
        var edl = await _client.GetStringAsync($"/api/assets/{_ntsc}/markers.edl");

        var lines = edl.Split('\n');
        lines[0].ShouldBe("TITLE: N001C003");
        lines[1].ShouldBe("FCM: DROP FRAME");
        var events = lines.Select(l => EdlEvent().Match(l)).Where(m => m.Success).ToList();
        events.Count.ShouldBe(3);
        var rate = new FrameRate(30000, 1001);
        foreach (var e in events)
        {
            foreach (var field in new[] { "srcIn", "srcOut", "recIn", "recOut" })
            {
                e.Groups[field].Value[8].ShouldBe(';');
                Timecode.TryParse(e.Groups[field].Value, rate, out _).ShouldBeTrue($"{e.Groups[field].Value} is a valid drop-frame label");
            }
            e.Groups["recIn"].Value.ShouldBe(e.Groups["srcIn"].Value, "record follows the clip's own timecode by default");
        }
        events[0].Groups["srcIn"].Value.ShouldBe("01:01:01;06");
        lines.Where(l => l.StartsWith(" |C:ResolveColor", StringComparison.Ordinal)).Count().ShouldBe(3);
        edl.ShouldContain(" |C:ResolveColorYellow |M:bring the bag, then the boat / now |D:");
    }

    [Test]
    public async Task MarkersEdl_WithARecordStart_MovesTheRecordSideAndRejectsANonTimecode()
    {
        var edl = await _client.GetStringAsync($"/api/assets/{_pal}/markers.edl?recordStart=01:00:00:00");
        var bad = await _client.GetAsync($"/api/assets/{_pal}/markers.edl?recordStart=soon");

        var first = EdlEvent().Match(edl.Split('\n')[3]);
        first.Groups["srcIn"].Value.ShouldBe("14:22:13:03");
        first.Groups["recIn"].Value.ShouldBe("01:00:03:03");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString().ShouldBe("urn:mam:problem:invalid-request");
    }

    [Test]
    public async Task MarkersTxt_IsAvidMarkerTextOnePhrasePerLine()
    {
        var text = await _client.GetStringAsync($"/api/assets/{_ntsc}/markers.txt");

        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        fields.Count.ShouldBe(3);
        fields.ShouldAllBe(f => f.Length == 6 && f[0] == "MAM" && f[2] == "V1");
        fields[0][1].ShouldBe("01:01:01;06");
        fields[0][3].ShouldBe("green");
    }

    /// <summary>One rule: an out point is the phrase's last frame (inclusive, as NLEs show it) in the
    /// transcript and the CSV; the EDL's out is the frame after it, as CMX 3600 defines it.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task OutPoints_OfTheTranscriptAndTheMarkerExports_NameTheSameLastFrame(bool dropFrame)
    {
        var id = dropFrame ? _ntsc : _pal;
        var rate = dropFrame ? new FrameRate(30000, 1001) : new FrameRate(25, 1);

        var transcriptOuts = JsonDocument.Parse(await _client.GetStringAsync($"/api/assets/{id}/transcript")).RootElement
            .GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("timecodeOut").GetString()!).ToList();
        var csvOuts = CsvTimes().Matches(await _client.GetStringAsync($"/api/assets/{id}/markers.csv")).Select(m => m.Groups["out"].Value).ToList();
        var edlOuts = (await _client.GetStringAsync($"/api/assets/{id}/markers.edl")).Split('\n')
            .Select(l => EdlEvent().Match(l)).Where(m => m.Success).Select(m => m.Groups["srcOut"].Value).ToList();

        transcriptOuts.Count.ShouldBe(3);
        csvOuts.ShouldBe(transcriptOuts);
        edlOuts.ShouldBe(transcriptOuts.Select(tc =>
        {
            Timecode.TryParse(tc, rate, out var last).ShouldBeTrue(tc);
            return Timecode.FromFrames(last.ToFrames(rate) + 1, rate, last.DropFrame).ToString();
        }).ToList());
        if (!dropFrame)
        {
            transcriptOuts[2].ShouldBe("14:22:50:24", "a phrase ending at 41.0 s ends on the frame before 14:22:51:00");
        }
    }

    [Test]
    public async Task Transcript_Json_CarriesEachPhrasesConfidence()
    {
        var transcript = await _client.GetStringAsync($"/api/assets/{_pal}/transcript");

        var confidences = JsonDocument.Parse(transcript).RootElement.GetProperty("segments").EnumerateArray()
            .Select(s => s.GetProperty("confidence").GetDouble()).ToList();
        confidences.ShouldBe([0.91, 0.6, 0.35]);
    }

    [TestCase("transcript.srt")]
    [TestCase("markers.csv")]
    [TestCase("markers.edl")]
    [TestCase("markers.txt")]
    public async Task Export_OfAnUnknownAsset_Is404Problem(string export)
    {
        var response = await _client.GetAsync($"/api/assets/{Guid.NewGuid()}/{export}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private async Task<Guid> AddTranscribedClipAsync(string clipName, int rateNumerator, int rateDenominator, string startTimecode)
    {
        var factory = _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var project = await db.Projects.FirstOrDefaultAsync() ?? new Project { Id = Guid.NewGuid(), Name = "Exports", CreatedAt = now };
        var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Name = $"C{Guid.NewGuid():N}"[..8], OffloadedAt = now, RegisteredAt = now };
        var file = new CardFile { Id = Guid.NewGuid(), CardId = card.Id, RelativePath = clipName + ".mov", Xxh64 = "0123456789abcdef", StorageKey = $"k/{Guid.NewGuid():N}", Role = FileRole.Clip };
        var asset = new Asset
        {
            Id = Guid.NewGuid(), CardId = card.Id, ClipName = clipName, SourceFileId = file.Id, CreatedAt = now,
            Technical = new TechnicalMetadata
            {
                Container = "mov,mp4,m4a,3gp,3g2,mj2", DurationSeconds = 60, FrameRateNumerator = rateNumerator,
                FrameRateDenominator = rateDenominator, StartTimecode = startTimecode, AudioStreams = 1,
            },
        };
        file.AssetId = asset.Id;
        (double Start, double End, string Text, double Confidence)[] phrases =
        [
            (3.15, 5.93, "the harbour lights were burning bright", 0.91),
            (10.0, 12.5, "bring the bag, then the boat | now", 0.6),
            (40.0, 41.0, "maybe", 0.35),
        ];
        var segments = phrases.Select((p, i) => new TranscriptSegment
        {
            Id = Guid.NewGuid(), AssetId = asset.Id, Sequence = i, Start = p.Start, End = p.End, Text = p.Text, Engine = "pocketsphinx",
            Confidence = p.Confidence, Words = [new TranscriptWordTiming(p.Text.Split(' ')[0], p.Start, p.Start + 0.3, p.Confidence)],
        });
        if (db.Entry(project).State == EntityState.Detached)
        {
            db.Add(project);
        }
        db.AddRange(card, file, asset);
        db.AddRange(segments);
        await db.SaveChangesAsync();
        return asset.Id;
    }

    [GeneratedRegex(@"^(?<n>\d+)\r\n(?<from>\d{2}:\d{2}:\d{2},\d{3}) --> (?<to>\d{2}:\d{2}:\d{2},\d{3})\r\n[^\r\n]+$")]
    private static partial Regex SrtCue();

    [GeneratedRegex(@",(?<in>\d\d:\d\d:\d\d[:;]\d\d),(?<out>\d\d:\d\d:\d\d[:;]\d\d),(?<duration>\d\d:\d\d:\d\d:\d\d),")]
    private static partial Regex CsvTimes();

    [GeneratedRegex(@"^(?<n>\d{3})  (?<reel>\S{1,8}) +V +C +(?<srcIn>\d\d:\d\d:\d\d[:;]\d\d) (?<srcOut>\d\d:\d\d:\d\d[:;]\d\d) (?<recIn>\d\d:\d\d:\d\d[:;]\d\d) (?<recOut>\d\d:\d\d:\d\d[:;]\d\d)$")]
    private static partial Regex EdlEvent();
}
