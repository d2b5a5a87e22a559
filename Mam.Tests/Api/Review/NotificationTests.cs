using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review;

/// <summary>Each person's notifications: the events of the projects they follow (members follow their
/// own unless they choose not to), never their own doings, a mention only to the person named, marked
/// read one by one or all at once, live over Server-Sent Events, and gone once access is withdrawn.</summary>
[TestFixture]
public sealed class NotificationTests
{
    private const string Project = "Tray Film";
    private const string Other = "Other Film";
    private MamApiFactory _api = null!;
    private HttpClient _dana = null!;
    private HttpClient _sam = null!;
    private HttpClient _lee = null!;
    private Guid _clip;

    [OneTimeSetUp]
    public async Task ThreeReviewersOnAClip()
    {
        _api = new MamApiFactory();
        _dana = _api.WithToken(await _api.PersonTokenAsync("dana", (Project, ProjectRole.Reviewer), (Other, ProjectRole.Reviewer)));
        _sam = _api.WithToken(await _api.PersonTokenAsync("sam", (Project, ProjectRole.Reviewer)));
        _lee = _api.WithToken(await _api.PersonTokenAsync("lee", (Project, ProjectRole.Reviewer)));
        _clip = await ReviewClips.AddAsync(_api.Services, "TRAY_v1", 25, 1, "10:00:00:00", 60, project: Project);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _dana.Dispose();
        _sam.Dispose();
        _lee.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task AComment_ReachesTheOthersUnread_NotItsAuthor_AndAMentionOnlyThePersonNamed()
    {
        await ReadAllAsync(_sam);
        await ReadAllAsync(_lee);
        await ReadAllAsync(_dana);

        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "@sam the boom at the door", frame = 50 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var sam = await ListAsync(_sam);
        sam.GetProperty("unread").GetInt32().ShouldBe(2);
        var items = sam.GetProperty("items").EnumerateArray().Take(2).ToList();
        items.Select(i => i.GetProperty("kind").GetString()).ShouldBe(["mention", "comment"], "newest first");
        items[1].GetProperty("text").GetString().ShouldBe("dana commented on TRAY_v1 at 10:00:02:00: @sam the boom at the door");
        items[1].GetProperty("clipUrl").GetString().ShouldBe($"/clips/{_clip}?t=2", "the link opens the clip at the comment's frame");
        items[1].GetProperty("project").GetString().ShouldBe(Project);
        items[1].GetProperty("read").GetBoolean().ShouldBeFalse();

        var lee = await ListAsync(_lee);
        lee.GetProperty("unread").GetInt32().ShouldBe(1, "the mention is sam's alone");
        (await ListAsync(_dana)).GetProperty("unread").GetInt32().ShouldBe(0, "nobody is told of their own comment");

        using var marked = await _sam.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { items[0].GetProperty("id").GetInt64() } });
        (await marked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unread").GetInt32().ShouldBe(1);
        var after = (await ListAsync(_sam)).GetProperty("items").EnumerateArray().Take(2).Select(i => i.GetProperty("read").GetBoolean()).ToList();
        after.ShouldBe([true, false]);
    }

    [Test]
    public async Task AMemberWhoUnfollows_HearsNothingMore_UntilFollowingAgain()
    {
        await ReadAllAsync(_lee);
        var follows = await _lee.GetFromJsonAsync<JsonElement>("/api/follows");
        follows.EnumerateArray().Single(f => f.GetProperty("project").GetString() == Project).GetProperty("why").GetString().ShouldBe("member");

        using (var off = await _lee.DeleteAsync($"/api/projects/{Uri.EscapeDataString(Project)}/follow"))
        {
            (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("following").GetBoolean().ShouldBeFalse();
        }
        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "while lee is away", frame = 5 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ListAsync(_lee)).GetProperty("unread").GetInt32().ShouldBe(0);

        (await _lee.PutAsync($"/api/projects/{Uri.EscapeDataString(Project)}/follow", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListAsync(_lee)).GetProperty("unread").GetInt32().ShouldBe(1, "following again shows the project's events, the missed one too");
    }

    [Test]
    public async Task SomeoneWhoLosesAccess_GetsNoMoreOfTheProjectsNotifications_EvenHavingChosenToFollow()
    {
        var tom = await _api.PersonTokenAsync("tom", (Project, ProjectRole.Viewer));
        using var client = _api.WithToken(tom);
        (await client.PutAsync($"/api/projects/{Uri.EscapeDataString(Project)}/follow", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "before tom left", frame = 6 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ListAsync(client)).GetProperty("items").EnumerateArray().ShouldNotBeEmpty();

        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            var id = await db.Users.Where(p => p.UserName == "tom").Select(p => p.Id).SingleAsync();
            await db.ProjectMemberships.Where(m => m.PersonId == id).ExecuteDeleteAsync();
        }
        // As the members endpoint does when it removes someone (ExecuteDelete passes by the change interceptor).
        _api.Services.GetRequiredService<Mam.Api.Security.Access.AccessCache>().Changed();

        var list = await ListAsync(client);
        list.GetProperty("items").EnumerateArray().ShouldBeEmpty();
        list.GetProperty("unread").GetInt32().ShouldBe(0);
        (await client.PutAsync($"/api/projects/{Uri.EscapeDataString(Project)}/follow", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "following needs the right to read the project");
    }

    [Test]
    public async Task TheLiveTray_SeesAnotherPersonsComment_AndResumesAfterLastEventId()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _sam.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "live in the tray", frame = 25 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var first = await NextEventAsync(reader);
        first.Event.ShouldBe("comment");
        first.Data.GetProperty("text").GetString()!.ShouldEndWith("live in the tray");
        first.Data.GetProperty("clipUrl").GetString().ShouldBe($"/clips/{_clip}?t=1");

        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "missed while away", frame = 30 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/notifications");
        again.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        again.Headers.Add("Last-Event-ID", first.Id);
        using var resumed = await _sam.SendAsync(again, HttpCompletionOption.ResponseHeadersRead);
        using var resumedReader = new StreamReader(await resumed.Content.ReadAsStreamAsync());
        (await NextEventAsync(resumedReader)).Data.GetProperty("text").GetString()!.ShouldEndWith("missed while away");
    }

    [TestCase("{}", "Say what to mark read")]
    [TestCase("""{"through":-1}""", "\"through\" is an event id")]
    public async Task MarkRead_WithNothingToMark_Answers400(string body, string said)
    {
        using var response = await _sam.PostAsync("/api/notifications/read", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(said);
    }

    private static async Task<JsonElement> ListAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/notifications?take=200");

    private static async Task ReadAllAsync(HttpClient client)
    {
        var newest = (await ListAsync(client)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).DefaultIfEmpty(0).Max();
        (await client.PostAsJsonAsync("/api/notifications/read", new { through = newest })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<(string Id, string Event, JsonElement Data)> NextEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? id = null, kind = null, data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.Length == 0 && data is not null)
            {
                return (id ?? "", kind ?? "message", JsonDocument.Parse(data).RootElement.Clone());
            }
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }
}
