using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Tests.Api.Audit;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review.Shares;

/// <summary>A guest in a link's session: reaches only the shared clips, only as the link allows;
/// comments through the one comment model under the name they gave, marked as a guest, shown as text
/// everywhere; and every second they watch lands in the access log and its heat-map.</summary>
[TestFixture]
public sealed class GuestReviewTests
{
    private const string Script = "<script>alert('x')</script> & Co";

    private MamApiFactory _api = null!;
    private HttpClient _manager = null!;
    private HttpClient _reviewer = null!;
    private Guid _cut;
    private Guid _otherCutOfTheProject;
    private Guid _withProxy;

    [OneTimeSetUp]
    public async Task TwoCutsAClipWithAProxyAndAManager()
    {
        _api = new MamApiFactory();
        // 60 s at 25 fps: frames 0–1499, 10:00:00:00–10:00:59:24.
        _cut = await ReviewClips.AddAsync(_api.Services, "CUT_V3", 25, 1, "10:00:00:00", 60);
        _otherCutOfTheProject = await ReviewClips.AddAsync(_api.Services, "CUT_V2", 25, 1, "10:00:00:00", 60);
        _withProxy = await AuditedClips.AddWithProxyAsync(_api.Services, ReviewClips.Project, "P001C001_PROXY", 4096);
        _manager = _api.WithToken(await _api.PersonTokenAsync("lee", (ReviewClips.Project, ProjectRole.Administrator)));
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("dana", (ReviewClips.Project, ProjectRole.Reviewer)));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _manager.Dispose();
        _reviewer.Dispose();
        _api.Dispose();
    }

    private Task<(Guid Id, string Url)> ShareAsync(string[] rights, params Guid[] clips) =>
        ShareGuests.ShareAsync(_manager, new { recipientName = "Robin", recipientEmail = "robin@client.example", clips = clips.Length == 0 ? [_cut] : clips, rights });

    [Test]
    public async Task AGuestComment_IsStoredThroughTheCommentModel_UnderTheirNameMarkedAsGuest_AndTheTeamSeesIt()
    {
        var (_, url) = await ShareAsync(["comment"]);
        var guest = await ShareGuests.OpenAsync(_api, url, "Robin Client", "robin@client.example");

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{_cut}/comments", new { text = "Can the logo come in later?", timecodeIn = "10:00:02:05" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var seen = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{_cut}/comments");
        var comment = seen.EnumerateArray().Single(c => c.GetProperty("text").GetString() == "Can the logo come in later?");
        comment.GetProperty("author").GetString().ShouldBe("Robin Client (guest)");
        comment.GetProperty("inFrame").GetInt64().ShouldBe(55);
        var stored = (await ReviewClips.CommentsAsync(_api.Services, _cut)).Single(c => c.Text == "Can the logo come in later?");
        (stored.AuthorId, stored.GuestEmail).ShouldBe((null, "robin@client.example"));
        var theirs = await guest.GetFromJsonAsync<JsonElement>(url + $"/api/clips/{_cut}/comments");
        theirs.EnumerateArray().ShouldContain(c => c.GetProperty("text").GetString() == "Can the logo come in later?");
    }

    [Test]
    public async Task AGuestCommentPastTheEnd_IsRefusedAsForAnyone_AndNothingIsStored()
    {
        var (_, url) = await ShareAsync(["comment"]);
        var guest = await ShareGuests.OpenAsync(_api, url);
        var before = await ShareGuests.CountsAsync(_api);

        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{_cut}/comments", new { text = "too late", frame = 1500 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ShareGuests.DetailAsync(response)).ShouldStartWith("Frame 1500 (10:01:00:00) is past the end of CUT_V3");
        (await ShareGuests.CountsAsync(_api)).Comments.ShouldBe(before.Comments);
    }

    [Test]
    public async Task AGuest_CannotReachAnotherClip_EvenOfTheSameProject_NorTheMembersApi()
    {
        var (_, url) = await ShareAsync(["comment"]);
        var guest = await ShareGuests.OpenAsync(_api, url);
        var before = await ShareGuests.CountsAsync(_api);

        var read = await guest.GetAsync(url + $"/api/clips/{_otherCutOfTheProject}/comments");
        var write = await guest.PostAsJsonAsync(url + $"/api/clips/{_otherCutOfTheProject}/comments", new { text = "sneaky", frame = 1 });
        var proxy = await guest.GetAsync(url + $"/api/clips/{_otherCutOfTheProject}/proxy");
        var clips = await guest.GetFromJsonAsync<JsonElement>(url + "/api/clips");

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ShareGuests.DetailAsync(read)).ShouldBe($"This link does not share a clip {_otherCutOfTheProject}.");
        write.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        proxy.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        clips.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldBe([_cut]);
        (await ShareGuests.CountsAsync(_api)).Comments.ShouldBe(before.Comments);
        // The guest's cookie is scoped to the link's path; even sent by hand, the members' API does not take it.
        var (cookie, attributes) = await ShareGuests.SessionCookieAsync(_api, url);
        attributes.ShouldContain($"path=/share/{url["/share/".Length..]}");
        attributes.ShouldContain("httponly");
        attributes.ShouldContain("samesite=strict");
        using var members = new HttpRequestMessage(HttpMethod.Get, $"/api/assets/{_cut}/comments");
        members.Headers.Add("Cookie", cookie);
        (await ShareGuests.NewGuest(_api).SendAsync(members)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AGuestSession_OfOneLink_OpensNothingOnAnother()
    {
        var (_, first) = await ShareAsync(["comment"], _cut);
        var (_, second) = await ShareAsync(["comment"], _otherCutOfTheProject);
        var (cookie, _) = await ShareGuests.SessionCookieAsync(_api, first);

        using var borrowed = new HttpRequestMessage(HttpMethod.Get, second + $"/api/clips/{_otherCutOfTheProject}/comments");
        borrowed.Headers.Add("Cookie", cookie);

        (await ShareGuests.NewGuest(_api).SendAsync(borrowed)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task WhatTheLinkDoesNotAllow_IsRefusedSayingSo_AndNothingIsStored()
    {
        var (_, url) = await ShareAsync([], _withProxy);
        var guest = await ShareGuests.OpenAsync(_api, url);
        var before = await ShareGuests.CountsAsync(_api);

        var comment = await guest.PostAsJsonAsync(url + $"/api/clips/{_withProxy}/comments", new { text = "may I?", frame = 1 });
        var download = await guest.GetAsync(url + $"/api/clips/{_withProxy}/proxy/download");
        var original = await guest.GetAsync(url + $"/api/clips/{_withProxy}/original");
        var watch = await guest.GetAsync(url + $"/api/clips/{_withProxy}/proxy");

        comment.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ShareGuests.DetailAsync(comment)).ShouldBe("The link lee sent you does not let you comment. Ask them for a link that does.");
        download.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        original.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        watch.StatusCode.ShouldBe(HttpStatusCode.OK, "every link lets its guest watch");
        (await watch.Content.ReadAsByteArrayAsync()).Length.ShouldBe(4096);
        (await ShareGuests.CountsAsync(_api)).Comments.ShouldBe(before.Comments);
        var clip = (await guest.GetFromJsonAsync<JsonElement>(url + "/api/clips"))[0];
        clip.GetProperty("proxyDownload").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task TheProxyDownload_IsAFileToKeep_WhenTheLinkAllowsIt()
    {
        var (_, url) = await ShareAsync(["download-proxy"], _withProxy);
        var guest = await ShareGuests.OpenAsync(_api, url);

        var download = await guest.GetAsync(url + $"/api/clips/{_withProxy}/proxy/download");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("P001C001_PROXY (proxy).mp4");
        (await download.Content.ReadAsByteArrayAsync()).Length.ShouldBe(4096);
    }

    [Test]
    public async Task MarkupInAGuestsName_IsTextInTheApi_AndEscapedInEveryMarkerExport()
    {
        var (_, url) = await ShareAsync(["comment"]);
        var guest = await ShareGuests.OpenAsync(_api, url, Script, "script@client.example");
        var text = "<img src=x onerror=alert(1)> flash frame";
        (await guest.PostAsJsonAsync(url + $"/api/clips/{_cut}/comments", new { text, frame = 300 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var listed = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{_cut}/comments");
        var comment = listed.EnumerateArray().Single(c => c.GetProperty("text").GetString() == text);
        comment.GetProperty("author").GetString().ShouldBe(Script + " (guest)");
        var me = await guest.GetFromJsonAsync<JsonElement>(url + "/api/me");
        me.GetProperty("name").GetString().ShouldBe(Script);

        var fcpxml = await _reviewer.GetStringAsync($"/api/assets/{_cut}/comments.fcpxml");
        fcpxml.ShouldNotContain("<script>");
        fcpxml.ShouldContain("&lt;script");
        System.Xml.Linq.XDocument.Parse(fcpxml).ToString().ShouldNotBeEmpty("the file is still well-formed XML");
        var otio = await _reviewer.GetStringAsync($"/api/assets/{_cut}/comments.otio");
        otio.ShouldNotContain("<script>");
        Strings(JsonDocument.Parse(otio).RootElement).ShouldContain(s => s.Contains(Script, StringComparison.Ordinal), "the name is kept as text");
        var annotations = await AnnotationsAsync();
        annotations.ShouldNotContain("<script>");
        foreach (var plain in new[] { "csv", "edl", "txt" })
        {
            // Plain-text formats carry the name as the characters typed; nothing in them is ever run as markup.
            var file = await _reviewer.GetStringAsync($"/api/assets/{_cut}/comments.{plain}");
            file.ShouldContain("alert", Case.Sensitive, plain);
        }
    }

    [Test]
    public async Task EveryOpenAndEverySecondWatched_IsInTheAccessLog_WithAHeatMapPerPerson()
    {
        var (id, url) = await ShareAsync([], _cut);
        var guest = await ShareGuests.OpenAsync(_api, url, "Robin Client", "Robin@Client.example");
        var again = await ShareGuests.OpenAsync(_api, url, "Robin C.", "robin@client.example");
        await ReportAsync(guest, url, [0, 5]);
        await ReportAsync(guest, url, [5, 10]);
        await ReportAsync(again, url, [2, 4]);

        var log = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares/{id}/access");

        var opens = log.GetProperty("opens").EnumerateArray().ToList();
        opens.Select(o => o.GetProperty("name").GetString()).ShouldBe(["Robin Client", "Robin C."], ignoreOrder: true);
        opens.ShouldAllBe(o => o.GetProperty("address").GetString() != null);
        var person = log.GetProperty("watched").EnumerateArray().ShouldHaveSingleItem("one person: the same e-mail, case aside");
        person.GetProperty("opens").GetInt32().ShouldBe(2);
        person.GetProperty("seconds").GetDouble().ShouldBe(12);
        person.GetProperty("watched").EnumerateArray().Select(r => (r[0].GetDouble(), r[1].GetDouble())).ShouldBe([(0.0, 10.0)]);
        var heat = person.GetProperty("heat").EnumerateArray().Select(h => h.GetInt32()).ToList();
        heat.Count.ShouldBe(60);
        heat.Take(11).ShouldBe([1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 0]);
        var perClip = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{_cut}/share-access");
        perClip.EnumerateArray().ShouldContain(p => p.GetProperty("shareId").GetGuid() == id && p.GetProperty("seconds").GetDouble() == 12);
        var listed = (await _reviewer.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares"))
            .EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
        (listed.GetProperty("opens").GetInt32(), listed.GetProperty("secondsWatched").GetDouble()).ShouldBe((2, 12.0));
    }

    [TestCase("[[5, 2]]", "ranges: [5, 2] is not a stretch of this clip; each is [from, to] with 0 ≤ from < to ≤ 60.")]
    [TestCase("[[0, 90]]", "ranges: [0, 90] is not a stretch of this clip")]
    [TestCase("[]", "ranges: the stretches played, [from, to] in seconds from the clip's start, 1 to 200 a report.")]
    public async Task AReportThatIsNotAStretchOfTheClip_IsRefused_AndNothingIsCounted(string ranges, string message)
    {
        var (_, url) = await ShareAsync([], _cut);
        var guest = await ShareGuests.OpenAsync(_api, url);
        var before = await ShareGuests.CountsAsync(_api);

        var response = await guest.PostAsync(url + $"/api/clips/{_cut}/watched", new StringContent($$"""{"ranges":{{ranges}}}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ShareGuests.DetailAsync(response)).ShouldStartWith(message);
        (await ShareGuests.CountsAsync(_api)).Watches.ShouldBe(before.Watches);
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static async Task ReportAsync(HttpClient guest, string url, double[] range)
    {
        var clips = await guest.GetFromJsonAsync<JsonElement>(url + "/api/clips");
        var id = clips[0].GetProperty("id").GetGuid();
        var response = await guest.PostAsJsonAsync(url + $"/api/clips/{id}/watched", new { ranges = new[] { range } });
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> AnnotationsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assets/{_cut}/comments");
        request.Headers.Add("Accept", "application/ld+json");
        using var response = await _reviewer.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
