using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities;
using Mam.Tests.Support;
using static Mam.Tests.Search.Api.CataloguedClips;

namespace Mam.Tests.Search.Api;

/// <summary>GET /api/search on the embedded engine, with clips put through the real index stage:
/// what was said, what a slate shows and what was seen land on their timecodes; filters, facets,
/// grouping and browse come back in the shape the web page reads.</summary>
[TestFixture]
public sealed class SearchEndpointTests
{
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;
    private Guid _dock;
    private Guid _street;
    private Guid _night;

    [OneTimeSetUp]
    public async Task CatalogueAndIndexThreeClips()
    {
        _api = new MamApiFactory();
        _client = _api.CreateReader();
        _dock = await AddAndIndexAsync(_api.Services, new Clip("Harbour Film", "A001R1AB", "A001C003", "A", Utc(2026, 11, 20, 9),
            [(4.0, 6.5, "please bring the green bag to the kitchen"), (12.0, 14.0, "the tide is turning")],
            [
                Tag(TagKind.Slate, "scene 12 take 3", 0.0, 1.0, detail: "LIGHTHOUSE KEEPER DIR. MORGAN"),
                Tag(TagKind.Object, "person", 8.0, 10.0),
                Tag(TagKind.Face, "1 face", 8.0, 10.0, value: 1),
                Tag(TagKind.Shot, "shot", 0, 8.0),
                Tag(TagKind.Qc, "black", 0, 0.4),
            ], QcStatus.Pass, Words: [DockWords]));
        _street = await AddAndIndexAsync(_api.Services, new Clip("Harbour Film", "B002R1AB", "B002C001", "B", Utc(2026, 11, 21, 16),
            [(1.0, 3.0, "the green door by the harbour")],
            [Tag(TagKind.Object, "car", 2.0, 5.0)], QcStatus.Warning, "h264", 3840, 2160));
        _night = await AddAndIndexAsync(_api.Services, new Clip("Night Film", "A001R9ZZ", "A001C001", "A", null,
            [(2.0, 4.0, "green lights over the water")], [], QcStatus.Fail));
    }

    [OneTimeTearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
    }

    /// <summary>When the recogniser heard each word of the dock's first line (4.0–6.5 s).</summary>
    private static readonly IReadOnlyList<TranscriptWordTiming> DockWords =
    [
        new("please", 4.0, 4.3, 0.9), new("bring", 4.4, 4.7, 0.9), new("the", 4.76, 4.84, 0.9), new("green", 4.88, 5.2, 0.9),
        new("bag", 5.24, 5.6, 0.9), new("to", 5.7, 5.8, 0.9), new("the", 5.84, 5.9, 0.9), new("kitchen", 5.96, 6.5, 0.9),
    ];

    [Test]
    public async Task SpokenPhrase_FindsTheClipAtTheTimecodeWhereItsFirstWordIsSaid()
    {
        var body = await SearchAsync("?q=" + Uri.EscapeDataString("\"bring the green bag\""));

        var clip = body.GetProperty("clips").EnumerateArray().ShouldHaveSingleItem();
        clip.GetProperty("assetId").GetGuid().ShouldBe(_dock);
        clip.GetProperty("pageUrl").GetString().ShouldBe($"/clips/{_dock}");
        clip.GetProperty("posterUrl").GetString().ShouldBe($"/api/assets/{_dock}/poster");
        clip.GetProperty("proxyUrl").GetString().ShouldBe($"/api/assets/{_dock}/proxy");
        (clip.GetProperty("project").GetString(), clip.GetProperty("card").GetString(), clip.GetProperty("camera").GetString())
            .ShouldBe(("Harbour Film", "A001R1AB", "A"));
        var hit = clip.GetProperty("hits").EnumerateArray().ShouldHaveSingleItem();
        (hit.GetProperty("source").GetString(), hit.GetProperty("kind").GetString()).ShouldBe(("transcript", "segment"));
        // The line starts at 4.0 s; "bring" is said at 4.4 s and "bag" ends at 5.6 s: the player (the
        // page opens /clips/{id}?t=start) and the timecodes land on the words, not on the line.
        hit.GetProperty("start").GetDouble().ShouldBe(4.4, 0.005);
        hit.GetProperty("end").GetDouble().ShouldBe(5.6, 0.005);
        // Out points are inclusive (the last frame the words are heard on): 5.6 s at 25 fps ends
        // frame 140, so the out point is frame 139, 01:00:05:14 — as the transcript shows it.
        (hit.GetProperty("timecodeIn").GetString(), hit.GetProperty("timecodeOut").GetString()).ShouldBe(("01:00:04:10", "01:00:05:14"));
        hit.GetProperty("snippet").GetString().ShouldBe("please <mark>bring the green bag</mark> to the kitchen");

        var flat = body.GetProperty("hits").EnumerateArray().ShouldHaveSingleItem();
        flat.GetProperty("source").GetString().ShouldBe("transcript");
        flat.GetProperty("timecodeIn").GetString().ShouldBe("01:00:04:10");
        body.GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Test]
    public async Task WordOnTheSlate_FindsTheClipAtTheSlate()
    {
        var hit = (await SearchAsync("?q=lighthouse")).GetProperty("clips").EnumerateArray().ShouldHaveSingleItem()
            .GetProperty("hits").EnumerateArray().ShouldHaveSingleItem();

        hit.GetProperty("source").GetString().ShouldBe("slate");
        hit.GetProperty("timecodeIn").GetString().ShouldBe("01:00:00:00");
        hit.GetProperty("snippet").GetString()!.ShouldContain("<mark>LIGHTHOUSE</mark>");
    }

    [Test]
    public async Task Person_FindsTheClipWhereSomeoneIsSeen()
    {
        var clip = (await SearchAsync("?q=person")).GetProperty("clips").EnumerateArray().ShouldHaveSingleItem();

        clip.GetProperty("assetId").GetGuid().ShouldBe(_dock);
        var hit = clip.GetProperty("hits").EnumerateArray().ShouldHaveSingleItem();
        (hit.GetProperty("source").GetString(), hit.GetProperty("timecodeIn").GetString(), hit.GetProperty("timecodeOut").GetString())
            .ShouldBe(("object", "01:00:08:00", "01:00:09:24"), "seen from 8 s to 10 s: the out point is the last frame before 10 s");
    }

    [Test]
    public async Task ShotsAndQcFindings_AreNotSearchableText()
    {
        (await SearchAsync("?q=black")).GetProperty("clips").GetArrayLength().ShouldBe(0);
        (await SearchAsync("?q=shot")).GetProperty("clips").GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task Green_GroupsHitsPerClipAndCountsFacets()
    {
        var body = await SearchAsync("?q=green");

        body.GetProperty("totalClips").GetInt32().ShouldBe(3);
        body.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("assetId").GetGuid()).ShouldBe([_dock, _street, _night], ignoreOrder: true);
        var facets = body.GetProperty("facets");
        facets.EnumerateObject().Select(p => p.Name).ShouldBe(["project", "card", "camera", "codec", "resolution", "tag", "qc", "hasFaces"], ignoreOrder: true);
        Facet(facets, "project").ShouldBe([("Harbour Film", 2), ("Night Film", 1)]);
        Facet(facets, "camera").ShouldBe([("A", 2), ("B", 1)]);
        Facet(facets, "resolution").ShouldBe([("1920x1080", 2), ("3840x2160", 1)]);
        Facet(facets, "tag").ShouldBe([("car", 1), ("person", 1), ("scene 12 take 3", 1)]);
        Facet(facets, "qc").ShouldBe([("fail", 1), ("pass", 1), ("warning", 1)]);
        Facet(facets, "hasFaces").ShouldBe([("false", 2), ("true", 1)]);
    }

    [TestCase("&project=Night%20Film", "night")]
    [TestCase("&card=B002R1AB", "street")]
    [TestCase("&camera=B", "street")]
    [TestCase("&codec=h264", "street")]
    [TestCase("&resolution=3840x2160", "street")]
    [TestCase("&from=2026-11-21", "street")]
    [TestCase("&from=2026-11-20&to=2026-11-20", "dock")]
    [TestCase("&to=2026-11-20T09:00:00Z", "dock")]
    [TestCase("&tag=person&tag=scene%2012%20take%203", "dock")]
    [TestCase("&hasFaces=true", "dock")]
    [TestCase("&qc=warning", "street")]
    public async Task EachFilterParameter_NarrowsTheClips(string filter, string expected)
    {
        var body = await SearchAsync("?q=green" + filter);

        body.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("assetId").GetGuid()).ShouldBe([Named(expected)]);
    }

    [Test]
    public async Task EmptyQueryWithAFilter_ListsTheClipsNewestFirst()
    {
        var body = await SearchAsync("?project=Harbour%20Film");

        body.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("assetId").GetGuid()).ShouldBe([_street, _dock]);
        body.GetProperty("clips")[0].GetProperty("hits").GetArrayLength().ShouldBe(0);
        body.GetProperty("clips")[0].GetProperty("recordedAt").GetDateTime().ShouldBe(Utc(2026, 11, 21, 16));
        body.GetProperty("count").GetInt32().ShouldBe(2);
    }

    [TestCase("?q=green&from=yesterday", "'from'")]
    [TestCase("?q=green&to=2026-13-45", "'to'")]
    [TestCase("?q=green&from=2026-11-22&to=2026-11-20", "'from' must be before 'to'")]
    [TestCase("?q=green&to=9999-12-31", "'to'")]
    [TestCase("?q=green&hasFaces=maybe", "hasFaces")]
    [TestCase("?q=green&qc=great", "pass, warning, fail")]
    [TestCase("?q=green&limit=0", "limit")]
    [TestCase("?q=-green&camera=A", "cannot only exclude")]
    [TestCase("?q=gr*", "at least 3 letters")]
    [TestCase("?q=" + "%22the%20green%20b*%22", "at least 3 letters")]
    public async Task UnusableParameters_Answer400WithAProblemNamingThem(string query, string expected)
    {
        var response = await _client.GetAsync("/api/search" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:invalid-request");
        problem.GetProperty("detail").GetString()!.ShouldContain(expected);
    }

    private Guid Named(string name) => name switch { "dock" => _dock, "street" => _street, _ => _night };

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await _client.GetAsync("/api/search" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(string, int)> Facet(JsonElement facets, string name) =>
        facets.GetProperty(name).EnumerateArray().Select(v => (v.GetProperty("value").GetString()!, v.GetProperty("count").GetInt32())).ToList();

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
