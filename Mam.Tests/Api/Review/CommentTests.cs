using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review;

/// <summary>A reviewer comments on a frame or a range, draws on the frame, replies and resolves; what
/// cannot be placed is refused with a sentence that says why, and nothing is stored.</summary>
[TestFixture]
public sealed class CommentTests
{
    private MamApiFactory _api = null!;
    private HttpClient _reviewer = null!;
    private HttpClient _other = null!;
    private Guid _pal;
    private Guid _ntsc;

    [OneTimeSetUp]
    public async Task TwoClipsAndTwoReviewers()
    {
        _api = new MamApiFactory();
        // 60 s at 25 fps from time of day: frames 0–1499, 14:22:10:00–14:23:09:24.
        _pal = await ReviewClips.AddAsync(_api.Services, "A001C001_261121_R1AB", 25, 1, "14:22:10:00", 60);
        _ntsc = await ReviewClips.AddAsync(_api.Services, "N001C003", 30000, 1001, "01:00:58;00", 10);
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("dana", (ReviewClips.Project, ProjectRole.Reviewer)));
        _other = _api.WithToken(await _api.PersonTokenAsync("sam", (ReviewClips.Project, ProjectRole.Reviewer)));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _reviewer.Dispose();
        _other.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task ARangeGivenInTimecodes_IsStoredAsFramesAndShownOnTheClipsClock()
    {
        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{_pal}/comments",
            new { text = "Boom dips into frame here, @Sam @dana.k", timecodeIn = "14:22:13:03", timecodeOut = "14:22:15:23" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var comment = await response.Content.ReadFromJsonAsync<JsonElement>();
        comment.GetProperty("inFrame").GetInt64().ShouldBe(78);
        comment.GetProperty("outFrame").GetInt64().ShouldBe(148);
        comment.GetProperty("frameRate").GetString().ShouldBe("25/1");
        comment.GetProperty("timecodeIn").GetString().ShouldBe("14:22:13:03");
        comment.GetProperty("timecodeOut").GetString().ShouldBe("14:22:15:23");
        comment.GetProperty("start").GetDouble().ShouldBe(3.12, 1e-9);
        comment.GetProperty("end").GetDouble().ShouldBe(5.96, 1e-9);
        comment.GetProperty("author").GetString().ShouldBe("dana");
        comment.GetProperty("status").GetString().ShouldBe("open");
        comment.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()).ShouldBe(["sam", "dana.k"]);
        response.Headers.Location!.ToString().ShouldBe($"/api/assets/{_pal}/comments/{comment.GetProperty("id").GetGuid()}");
    }

    [Test]
    public async Task AFrameOnADropFrameClip_IsLabelledWithTheDroppedNumbersSkipped()
    {
        // 60 frames after 01:00:58;00 at 29.97 drop-frame: 01:01:00;00 and ;01 do not exist.
        var comment = await PostAsync(_ntsc, new { text = "flash frame", frame = 60 });

        comment.GetProperty("timecodeIn").GetString().ShouldBe("01:01:00;02");
        comment.GetProperty("frameRate").GetString().ShouldBe("30000/1001");
        comment.GetProperty("outFrame").GetInt64().ShouldBe(60);
    }

    [TestCase(1500, null, "Frame 1500 (14:23:10:00) is past the end of A001C001_261121_R1AB: it has 1500 frames (0–1499, 14:22:10:00–14:23:09:24).")]
    [TestCase(1490, 1510, "Frame 1510 (14:23:10:10) is past the end of A001C001_261121_R1AB")]
    [TestCase(200, 100, "The range is reversed: its out point, frame 100 (14:22:14:00), comes before its in point, frame 200 (14:22:18:00). Swap them.")]
    [TestCase(-1, null, "Frame -1 is before the clip's first frame")]
    public async Task AFrameOutsideTheClipOrAReversedRange_IsRefusedAndNothingIsStored(long frame, long? outFrame, string message)
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "A001C001_261121_R1AB", 25, 1, "14:22:10:00", 60);

        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = "too late", frame, outFrame });

        await ShouldBeRefusedAsync(response, message);
        (await ReviewClips.CommentsAsync(_api.Services, clip)).ShouldBeEmpty();
    }

    [Test]
    public async Task ATimecodeThatIsNotOneOfTheClips_IsRefusedNamingTheRate()
    {
        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{_pal}/comments", new { text = "x", timecodeIn = "14:22:13:27" });

        await ShouldBeRefusedAsync(response, "timecodeIn '14:22:13:27' is not a timecode of A001C001_261121_R1AB (HH:MM:SS:FF at 25/1 fps).");
    }

    [Test]
    public async Task ADrawing_IsKeptRelativeToTheFrameAndServedAsAnSvgSelectorOfAWebAnnotation()
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "A002C001", 25, 1, "10:00:00:00", 10);
        var comment = await PostAsync(clip, new
        {
            text = "<script>alert('x')</script> keep the logo out",
            frame = 50,
            outFrame = 74,
            drawing = new object[]
            {
                new { kind = "rectangle", points = new[] { new[] { 0.1, 0.2 }, new[] { 0.4, 0.5 } }, color = "#00FF00" },
                new { kind = "freehand", points = new[] { new[] { 0.5, 0.5 }, new[] { 0.55, 0.52 }, new[] { 0.6, 0.6 } } },
            },
        });
        comment.GetProperty("drawing")[0].GetProperty("kind").GetString().ShouldBe("rectangle");
        comment.GetProperty("drawing")[0].GetProperty("color").GetString().ShouldBe("#00ff00");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assets/{clip}/comments");
        request.Headers.Accept.ParseAdd("application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"");
        using var response = await _reviewer.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/ld+json");
        var collection = await response.Content.ReadFromJsonAsync<JsonElement>();
        collection.GetProperty("@context").GetString().ShouldBe("http://www.w3.org/ns/anno.jsonld");
        collection.GetProperty("type").GetString().ShouldBe("AnnotationCollection");
        var annotation = collection.GetProperty("first").GetProperty("items")[0];
        annotation.GetProperty("type").GetString().ShouldBe("Annotation");
        annotation.GetProperty("motivation").GetString().ShouldBe("commenting");
        var body = annotation.GetProperty("body")[0];
        body.GetProperty("format").GetString().ShouldBe("text/plain");
        body.GetProperty("value").GetString().ShouldBe("<script>alert('x')</script> keep the logo out");
        var target = annotation.GetProperty("target");
        target.GetProperty("source").GetString()!.ShouldEndWith($"/api/assets/{clip}/proxy");
        var selector = target.GetProperty("selector");
        selector.GetProperty("type").GetString().ShouldBe("FragmentSelector");
        selector.GetProperty("value").GetString().ShouldBe("t=2,3");
        var svg = selector.GetProperty("refinedBy");
        svg.GetProperty("type").GetString().ShouldBe("SvgSelector");
        svg.GetProperty("value").GetString()!.ShouldContain("<rect x=\"0.1\" y=\"0.2\" width=\"0.3\" height=\"0.3\" fill=\"none\" stroke=\"#00ff00\"");
        svg.GetProperty("value").GetString()!.ShouldContain("<polyline points=\"0.5,0.5 0.55,0.52 0.6,0.6\"");
    }

    [Test]
    public async Task ADrawingOffThePicture_OrOfTenThousandPoints_IsRefusedAndNothingIsStored()
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "A003C001", 25, 1, "10:00:00:00", 10);

        var off = await _reviewer.PostAsJsonAsync($"/api/assets/{clip}/comments", new
        {
            text = "here",
            frame = 1,
            drawing = new[] { new { kind = "arrow", points = new[] { new[] { 0.2, 0.2 }, new[] { 1.2, 0.5 } } } },
        });
        await ShouldBeRefusedAsync(off, "Shape 1, point 2: points are [x, y] from 0 to 1 of the picture's width and height (0, 0 is the top left), got [1.2, 0.5].");

        var scribble = Enumerable.Range(0, 10_000).Select(i => new[] { i % 100 / 100.0, i / 10_000.0 }).ToArray();
        var many = await _reviewer.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = "here", frame = 1, drawing = new[] { new { kind = "freehand", points = scribble } } });
        await ShouldBeRefusedAsync(many, "A drawing may have at most 2,000 points in all; this one has 10,000.");

        var shapeless = await _reviewer.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = "here", frame = 1, drawing = new[] { new { kind = "circle", points = scribble[..2] } } });
        await ShouldBeRefusedAsync(shapeless, "Shape 1: kind must be arrow, rectangle, line or freehand.");

        (await ReviewClips.CommentsAsync(_api.Services, clip)).ShouldBeEmpty();
    }

    [Test]
    public async Task AReply_SitsOnItsThreadsFrames_IsListedAfterIt_AndTargetsItAsAnAnnotation()
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "A004C001", 25, 1, "10:00:00:00", 10);
        var later = await PostAsync(clip, new { text = "later note", frame = 200 });
        var thread = await PostAsync(clip, new { text = "color shift", frame = 25, outFrame = 49 });
        var reply = await PostAsync(clip, new { text = "fixed in v2", replyTo = thread.GetProperty("id").GetGuid() }, _other);
        var replyToReply = await PostAsync(clip, new { text = "confirmed", replyTo = reply.GetProperty("id").GetGuid() });

        reply.GetProperty("inFrame").GetInt64().ShouldBe(25);
        reply.GetProperty("outFrame").GetInt64().ShouldBe(49);
        replyToReply.GetProperty("replyTo").GetGuid().ShouldBe(thread.GetProperty("id").GetGuid());
        var list = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{clip}/comments");
        list.EnumerateArray().Select(c => c.GetProperty("text").GetString()).ShouldBe(["color shift", "fixed in v2", "confirmed", "later note"]);
        later.GetProperty("replyTo").ValueKind.ShouldBe(JsonValueKind.Null);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assets/{clip}/comments");
        request.Headers.Accept.ParseAdd("application/ld+json");
        using var response = await _reviewer.SendAsync(request);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("first").GetProperty("items");
        items[1].GetProperty("motivation").GetString().ShouldBe("replying");
        items[1].GetProperty("target").GetString()!.ShouldEndWith($"/api/assets/{clip}/comments/{thread.GetProperty("id").GetGuid()}");
    }

    [Test]
    public async Task Resolving_RecordsWhoAndWhen_AndOnlyTheAuthorMayChangeTheText()
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "A005C001", 25, 1, "10:00:00:00", 10);
        var comment = await PostAsync(clip, new { text = "dust on the lens", frame = 10 });
        var url = comment.GetProperty("url").GetString()!;

        var resolved = await _other.PatchAsJsonAsync(url, new { status = "resolved" });
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("resolved");
        view.GetProperty("resolvedBy").GetString().ShouldBe("sam");

        var edit = await _other.PatchAsJsonAsync(url, new { text = "not dust" });
        edit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await edit.Content.ReadAsStringAsync()).ShouldContain("dana wrote this comment; reply to it instead.");
        (await ReviewClips.CommentsAsync(_api.Services, clip)).Single().Text.ShouldBe("dust on the lens");

        var own = await _reviewer.PatchAsJsonAsync(url, new { text = "dust on the lens, left corner" });
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReviewClips.CommentsAsync(_api.Services, clip)).Single().Text.ShouldBe("dust on the lens, left corner");
    }

    [Test]
    public async Task AReader_SeesComments_ButCannotWriteThem()
    {
        using var reader = _api.WithToken(await _api.PersonTokenAsync("viewer", (ReviewClips.Project, ProjectRole.Viewer)));
        var clip = await ReviewClips.AddAsync(_api.Services, "A006C001", 25, 1, "10:00:00:00", 10);
        await PostAsync(clip, new { text = "visible", frame = 3 });

        (await reader.GetFromJsonAsync<JsonElement>($"/api/assets/{clip}/comments")).GetArrayLength().ShouldBe(1);
        var write = await reader.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = "sneaky", frame = 4 });
        write.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        (await ReviewClips.CommentsAsync(_api.Services, clip)).Count.ShouldBe(1);
    }

    private async Task<JsonElement> PostAsync(Guid clip, object body, HttpClient? client = null)
    {
        var response = await (client ?? _reviewer).PostAsJsonAsync($"/api/assets/{clip}/comments", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string message)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain(message);
    }
}
