using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Catalog.Entities.Review;
using Mam.Tests.Support;
using Mam.Workers.Activity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review;

/// <summary>The project's activity, live: a page following it over Server-Sent Events sees a comment
/// as it is written, a mention reaches only the person named, and a page that reconnects with
/// Last-Event-ID gets what it missed and nothing twice.</summary>
[TestFixture]
public sealed class ActivityTests
{
    private const string Project = "Live Film";
    private MamApiFactory _api = null!;
    private HttpClient _dana = null!;
    private HttpClient _sam = null!;
    private Guid _clip;

    [OneTimeSetUp]
    public async Task TwoReviewersOnAClip()
    {
        _api = new MamApiFactory();
        _dana = _api.WithToken(await _api.PersonTokenAsync("dana", (Project, ProjectRole.Reviewer)));
        _sam = _api.WithToken(await _api.PersonTokenAsync("sam", (Project, ProjectRole.Reviewer)));
        _clip = await ReviewClips.AddAsync(_api.Services, "LIVE_v1", 25, 1, "10:00:00:00", 60, project: Project);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _dana.Dispose();
        _sam.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task AFollowingPage_SeesACommentAsItIsWritten_AndAMentionOnlyReachesThePersonNamed()
    {
        var last = await LastIdAsync(_sam);
        using var stream = await OpenAsync(_sam, last);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "@sam the flare at the door", frame = 50 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var first = await NextEventAsync(reader);
        first.Event.ShouldBe("comment");
        first.Data.GetProperty("text").GetString().ShouldBe("dana commented on LIVE_v1 at 10:00:02:00: @sam the flare at the door");
        var mention = await NextEventAsync(reader);
        mention.Event.ShouldBe("mention");
        mention.Data.GetProperty("forYou").GetBoolean().ShouldBeTrue();
        mention.Data.GetProperty("clipUrl").GetString().ShouldBe($"/clips/{_clip}");
        long.Parse(mention.Id, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(long.Parse(first.Id, System.Globalization.CultureInfo.InvariantCulture));

        var danaSees = await _dana.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/events?after={last}");
        danaSees.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldBe(["comment"], "the mention is sam's alone");
    }

    [Test]
    public async Task AnEventAWorkerWroteInAnotherProcess_ReachesAFollowingPage()
    {
        var last = await LastIdAsync(_sam);
        using var stream = await OpenAsync(_sam, last);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        // As a worker process writes it: straight into the catalog, with its own signal, which wakes
        // nothing in the API's process. Only the API's look at the catalog can find it (within 20 s
        // here; pages on their own would look after 30).
        var catalog = _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using (var db = await catalog.CreateDbContextAsync())
        {
            var project = await db.Projects.Where(p => p.Name == Project).Select(p => p.Id).SingleAsync();
            await ProjectEvents.AddAsync(db, new ActivitySignal(), project, "clip-processed", _clip, "pipeline", "LIVE_v1 (card A) is processed", DateTime.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var next = await NextEventAsync(reader);
        next.Event.ShouldBe("clip-processed");
        next.Data.GetProperty("text").GetString().ShouldBe("LIVE_v1 (card A) is processed");
    }

    [Test]
    public async Task APageThatReconnectsWithLastEventId_GetsWhatItMissed_AndNothingTwice()
    {
        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "first note", frame = 10 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var seen = await LastIdAsync(_sam);
        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "missed while away", frame = 20 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var stream = await OpenAsync(_sam, seen);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        var next = await NextEventAsync(reader);
        next.Data.GetProperty("text").GetString()!.ShouldEndWith("missed while away");
    }

    [Test]
    public async Task APageThatReconnectsAfterAnHour_GetsEveryMissedEventOnceInOrder_ThenLiveOnes()
    {
        var seen = await LastIdAsync(_sam);
        long lastRead;
        using (var before = await OpenAsync(_sam, seen))
        {
            using var reader = new StreamReader(await before.Content.ReadAsStreamAsync());
            (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "before the break", frame = 30 })).StatusCode.ShouldBe(HttpStatusCode.Created);
            var read = await NextEventAsync(reader);
            read.Data.GetProperty("text").GetString()!.ShouldEndWith("before the break");
            lastRead = long.Parse(read.Id, CultureInfo.InvariantCulture);
        }

        // The page is closed for an hour while the project is busy: more events than one page of the
        // stream (100), an hour later than the last one read, with mentions of dana that sam must not get.
        var missed = new List<long>();
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            var project = await db.Projects.Where(p => p.Name == Project).Select(p => p.Id).SingleAsync();
            var dana = await db.Users.Where(p => p.UserName == "dana").Select(p => p.Id).SingleAsync();
            var signal = _api.Services.GetRequiredService<ActivitySignal>();
            var later = DateTime.UtcNow.AddHours(1);
            var added = new List<(ProjectEvent Event, bool ForSam)>();
            for (var i = 0; i < 260; i++)
            {
                var mention = i % 5 == 4;
                var item = await ProjectEvents.AddAsync(db, signal, project, mention ? "mention" : "comment", _clip, "lee", $"an hour later #{i}",
                    later.AddSeconds(i * 13), CancellationToken.None, mention ? dana : null);
                added.Add((item, !mention));
            }
            await db.SaveChangesAsync();
            missed.AddRange(added.Where(a => a.ForSam).Select(a => a.Event.Id));
        }
        missed.Count.ShouldBeGreaterThan(200);

        using var again = await OpenAsync(_sam, lastRead);
        using var resumed = new StreamReader(await again.Content.ReadAsStreamAsync());
        var got = new List<(string Id, string Event, JsonElement Data)>();
        while (got.Count < missed.Count)
        {
            got.Add(await NextEventAsync(resumed));
        }

        got.Select(e => long.Parse(e.Id, CultureInfo.InvariantCulture)).ShouldBe(missed, "every missed event once, in order, none of dana's mentions");
        got[^1].Data.GetProperty("text").GetString().ShouldBe("an hour later #258");
        (await _dana.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text = "live again", frame = 40 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var live = await NextEventAsync(resumed);
        live.Data.GetProperty("text").GetString()!.ShouldEndWith("live again");
        long.Parse(live.Id, CultureInfo.InvariantCulture).ShouldBeGreaterThan(missed[^1]);
    }

    private static async Task<long> LastIdAsync(HttpClient client)
    {
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/events?take=500");
        return events.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).DefaultIfEmpty(0).Max();
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, long lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/projects/{Uri.EscapeDataString(Project)}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("Last-Event-ID", lastEventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return response;
    }

    /// <summary>The next event of the stream (id, event and data lines, then a blank line).</summary>
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
