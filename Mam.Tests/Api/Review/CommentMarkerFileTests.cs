using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Mam.Catalog.Entities.People;
using Mam.Catalog.Entities.Review;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review;

/// <summary>Comments out to the marker files editing systems read, and back in: every format carries
/// the same frames, text, status (red open, green resolved) and, where it has a place for one, the author.</summary>
[TestFixture]
public sealed class CommentMarkerFileTests
{
    private MamApiFactory _api = null!;
    private HttpClient _reviewer = null!;

    private static readonly (long In, long Out, string Text)[] Notes =
    [
        (0, 0, "first frame: slate still up"),
        (112, 160, "Dialogue \"too quiet\", then a pop | check, mix"),
        (1000, 1000, "=HYPERLINK(\"http://evil\") <b>bold</b> & <script>x</script>"),
    ];

    [OneTimeSetUp]
    public async Task AReviewer()
    {
        _api = new MamApiFactory();
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("dana", (ReviewClips.Project, ProjectRole.Reviewer)));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _reviewer.Dispose();
        _api.Dispose();
    }

    [TestCase("csv", "comments.csv", false, 25, 1, "14:22:10:00")]
    [TestCase("edl", "comments.edl", false, 25, 1, "14:22:10:00")]
    [TestCase("avid", "comments.txt", true, 25, 1, "14:22:10:00")]
    [TestCase("fcpxml", "comments.fcpxml", true, 25, 1, "14:22:10:00")]
    [TestCase("otio", "comments.otio", true, 25, 1, "14:22:10:00")]
    [TestCase("edl", "comments.edl", false, 30000, 1001, "01:00:58;00")]
    [TestCase("fcpxml", "comments.fcpxml", true, 30000, 1001, "01:00:58;00")]
    [TestCase("otio", "comments.otio", true, 24000, 1001, "00:59:59:00")]
    public async Task Comments_ExportedAndImportedIntoAnotherTake_LandOnTheSameFramesWithTheSameWords(
        string format, string file, bool keepsAuthor, int rateNumerator, int rateDenominator, string start)
    {
        var source = await ReviewClips.AddAsync(_api.Services, "A001C001", rateNumerator, rateDenominator, start, 60);
        var target = await ReviewClips.AddAsync(_api.Services, "A001C001_v2", rateNumerator, rateDenominator, start, 60);
        foreach (var (first, last, text) in Notes)
        {
            (await _reviewer.PostAsJsonAsync($"/api/assets/{source}/comments", new { text, frame = first, outFrame = last })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var resolve = (await ReviewClips.CommentsAsync(_api.Services, source))[1];
        (await _reviewer.PatchAsJsonAsync($"/api/assets/{source}/comments/{resolve.Id}", new { status = "resolved" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var exported = await _reviewer.GetAsync($"/api/assets/{source}/{file}");
        exported.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await exported.Content.ReadAsByteArrayAsync();
        using var import = new ByteArrayContent(bytes);
        var imported = await _reviewer.PostAsync($"/api/assets/{target}/comments/import?format={format}", import);

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var back = await ReviewClips.CommentsAsync(_api.Services, target);
        // Resolve's EDL marker line ends a field at '|', so the EDL writes it as '/'.
        back.Select(c => (c.InFrame, c.OutFrame, c.Text)).ShouldBe(Notes.Select(n => (n.In, n.Out, format == "edl" ? n.Text.Replace('|', '/') : n.Text)));
        back.Select(c => c.Status).ShouldBe([CommentStatus.Open, CommentStatus.Resolved, CommentStatus.Open]);
        back.Select(c => c.RateNumerator).Distinct().ShouldBe([rateNumerator]);
        if (keepsAuthor)
        {
            back.ShouldAllBe(c => c.Author == "dana");
        }
    }

    [Test]
    public async Task Fcpxml_EscapesWhatReviewersTyped_AndTimesAreWholeFramesOfTheClip()
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "N001C003", 30000, 1001, "01:00:58;00", 10);
        (await _reviewer.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = Notes[2].Text, frame = 60 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var text = await _reviewer.GetStringAsync($"/api/assets/{clip}/comments.fcpxml");

        text.ShouldStartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        text.ShouldNotContain("<script>");
        var marker = XDocument.Parse(text).Descendants("marker").Single();
        marker.Attribute("value")!.Value.ShouldBe(Notes[2].Text);
        marker.Attribute("note")!.Value.ShouldBe("by dana");
        // 01:00:58;00 drop-frame is frame 109,632 from midnight (107,892 an hour + 58 × 30); 60 frames later, 1001/30000 s each.
        marker.Attribute("start")!.Value.ShouldBe($"{(109_632 + 60) * 1001}/30000s");
        marker.Attribute("completed")!.Value.ShouldBe("0");
        marker.Attribute("duration")!.Value.ShouldBe("1001/30000s");
        XDocument.Parse(text).Descendants("asset-clip").Single().Attribute("tcFormat")!.Value.ShouldBe("DF");
    }

    [Test]
    public async Task Csv_GuardsAFormulaSoASpreadsheetShowsItAsText()
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "A007C001", 25, 1, "10:00:00:00", 60);
        (await _reviewer.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = Notes[2].Text, frame = 5 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var csv = await _reviewer.GetStringAsync($"/api/assets/{clip}/comments.csv");

        csv.Split("\r\n")[1].ShouldStartWith("\"'=HYPERLINK(\"\"http://evil\"\")");
        csv.Split("\r\n")[1].ShouldContain(",10:00:00:05,10:00:00:05,00:00:00:01,");
    }

    [TestCase("edl", "TITLE: x\nFCM: NON-DROP FRAME\n\n001  AX       V     C        10:00:00:00 10:00:00:01 10:00:00:00 10:00:00:01\n |C:ResolveColorRed |M:fine |D:1\n\n002  AX       V     C        10:01:30:00 10:01:30:01 10:01:30:00 10:01:30:01\n |C:ResolveColorRed |M:too late |D:1\n",
        "Nothing was imported: marker 2 (10:01:30:00): Frame 2250 (10:01:30:00) is past the end of A008C001")]
    [TestCase("avid", "MAM\t10:00:00:00\tV1\tred\tfine\t1\nMAM\t10:00:0X:00\tV1\tred\tbad\t1\n",
        "Nothing was imported. Line 2: '10:00:0X:00' is not a timecode at 25/1 fps.")]
    [TestCase("fcpxml", "<fcpxml version=\"1.10\"><marker start=\"0s\" value=\"a\"", "Nothing was imported. The FCPXML is not well-formed XML")]
    [TestCase("otio", "{\"OTIO_SCHEMA\":\"Marker.2\",\"name\":\"x\"}", "Nothing was imported. An OpenTimelineIO marker has no marked_range.start_time.")]
    [TestCase("csv", "Name,Color\nx,Red\n", "Nothing was imported. The CSV needs a header row with \"Start TC\"")]
    [TestCase("premiere", "x", "format must be csv, edl, avid, fcpxml or otio.")]
    public async Task AMarkerFileWithOneBadMarker_AddsNoneAndSaysWhich(string format, string body, string message)
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "A008C001", 25, 1, "10:00:00:00", 60);

        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        var response = await _reviewer.PostAsync($"/api/assets/{clip}/comments/import?format={format}", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(message);
        (await ReviewClips.CommentsAsync(_api.Services, clip)).ShouldBeEmpty();
    }
}
