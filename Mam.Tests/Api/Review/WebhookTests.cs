using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Mam.Tests.Api.Review;

/// <summary>Webhooks to another system: signed as Standard Webhooks says (checked with that spec's own
/// .NET library), retried with backoff while the receiver is down or slow, logged, and sent again by
/// hand; nothing is lost. The receiver is a WireMock.Net server on loopback.</summary>
[TestFixture]
public sealed class WebhookTests
{
    private const string Project = "Hook Film";
    private static readonly string ProjectPath = Uri.EscapeDataString(Project);
    private MamApiFactory _api = null!;
    private HttpClient _manager = null!;
    private HttpClient _reviewer = null!;
    private WireMockServer _receiver = null!;
    private Guid _clip;

    [OneTimeSetUp]
    public async Task AProjectAndAReceiver()
    {
        // Retries a fraction of a second apart, so the whole round runs in the test.
        _api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Webhooks:RetryDelays:0"] = "00:00:00.2",
            ["Webhooks:RetryDelays:1"] = "00:00:00.4",
            ["Webhooks:RetryDelays:2"] = "00:00:00.6",
            ["Webhooks:Timeout"] = "00:00:01",
            ["Webhooks:PollInterval"] = "00:00:00.1",
        });
        _manager = _api.CreateWriter();
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("dana", (Project, ProjectRole.Reviewer)));
        _clip = await ReviewClips.AddAsync(_api.Services, "HOOK_v1", 25, 1, "10:00:00:00", 60, project: Project);
        _receiver = WireMockServer.Start();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _receiver.Stop();
        _receiver.Dispose();
        _reviewer.Dispose();
        _manager.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task AReceiverDownTwice_GetsTheEventOnTheThirdAttempt_SignedTheSameEachTime()
    {
        _receiver.Given(Request.Create().WithPath("/flaky").UsingPost()).InScenario("flaky").WillSetStateTo("once")
            .RespondWith(Response.Create().WithStatusCode(503));
        _receiver.Given(Request.Create().WithPath("/flaky").UsingPost()).InScenario("flaky").WhenStateIs("once").WillSetStateTo("twice")
            .RespondWith(Response.Create().WithStatusCode(503));
        _receiver.Given(Request.Create().WithPath("/flaky").UsingPost()).InScenario("flaky").WhenStateIs("twice")
            .RespondWith(Response.Create().WithStatusCode(204));
        var hook = await AddHookAsync("/flaky", "comment");

        await CommentAsync("grade is too warm here");
        var delivery = await DeliveryWhenAsync(hook, d => d.GetProperty("state").GetString() == "delivered");

        delivery.GetProperty("attempts").GetInt32().ShouldBe(3);
        delivery.GetProperty("lastStatus").GetInt32().ShouldBe(204);
        var received = _receiver.LogEntries.Where(e => e.RequestMessage.Path == "/flaky").Select(e => e.RequestMessage).ToList();
        received.Count.ShouldBe(3);
        received.Select(r => r.Headers!["webhook-id"].ToString()).Distinct().ShouldBe([delivery.GetProperty("messageId").GetString()]);
        var webhook = new StandardWebhook(hook.GetProperty("secret").GetString()!);
        foreach (var request in received)
        {
            var headers = new HeaderDictionary(request.Headers!.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value.ToArray())));
            Should.NotThrow(() => webhook.Verify(request.Body!, headers), "every attempt is signed as Standard Webhooks says");
        }
        var body = JsonDocument.Parse(received[^1].Body!).RootElement;
        body.GetProperty("type").GetString().ShouldBe("project.comment");
        body.GetProperty("data").GetProperty("text").GetString()!.ShouldEndWith("grade is too warm here");
    }

    [Test]
    public async Task AReceiverThatStaysDown_LeavesTheDeliveryFailedInTheLog_AndRedeliveringSendsItOnceItIsBack()
    {
        _receiver.Given(Request.Create().WithPath("/down").UsingPost()).AtPriority(5).RespondWith(Response.Create().WithStatusCode(500));
        var hook = await AddHookAsync("/down", "comment");

        await CommentAsync("missing sound at the door");
        var failed = await DeliveryWhenAsync(hook, d => d.GetProperty("state").GetString() == "failed");

        failed.GetProperty("attempts").GetInt32().ShouldBe(4, "the first try and the three retries");
        failed.GetProperty("lastError").GetString().ShouldBe("the receiver answered 500 Internal Server Error");
        _receiver.Given(Request.Create().WithPath("/down").UsingPost()).AtPriority(1).RespondWith(Response.Create().WithStatusCode(200));

        var again = await _manager.PostAsync(failed.GetProperty("redeliverUrl").GetString(), null);
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var delivered = await DeliveryWhenAsync(hook, d => d.GetProperty("state").GetString() == "delivered");
        delivered.GetProperty("id").GetGuid().ShouldBe(failed.GetProperty("id").GetGuid());
        _receiver.LogEntries.Count(e => e.RequestMessage.Path == "/down").ShouldBe(5);
    }

    [Test]
    public async Task ASlowReceiver_CountsAsAFailedAttemptAfterTheTimeout_AndIsTriedAgain()
    {
        _receiver.Given(Request.Create().WithPath("/slow").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        var hook = await AddHookAsync("/slow", "comment");

        await CommentAsync("slow one");
        var retried = await DeliveryWhenAsync(hook, d => d.GetProperty("attempts").GetInt32() >= 1);

        retried.GetProperty("lastError").GetString().ShouldBe("no answer within 1 s");
        retried.GetProperty("lastStatus").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [TestCase("ftp://example.org/hook", null, "url must be an absolute http or https address")]
    [TestCase("hook", null, "url must be an absolute http or https address")]
    [TestCase("http://127.0.0.1:9/hook", "lunch", "events: 'lunch' is not an event; choose from comment, mention, approval, approval-requested, gate-advanced, version-locked, version-unlocked, card-offloaded, card-complete, clip-processed, clip-failed, fixity-failure, restore-done (none: all).")]
    public async Task AWebhookThatCannotWork_IsRefused(string url, string? kind, string message)
    {
        var response = await _manager.PostAsJsonAsync($"/api/projects/{ProjectPath}/webhooks", new { url, events = kind is null ? null : new[] { kind } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(message);
    }

    [Test]
    public async Task AReviewer_CannotSeeOrAddWebhooks()
    {
        (await _reviewer.GetAsync($"/api/projects/{ProjectPath}/webhooks")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        (await _reviewer.PostAsJsonAsync($"/api/projects/{ProjectPath}/webhooks", new { url = "http://127.0.0.1:9/x" })).StatusCode
            .ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> AddHookAsync(string path, string kind)
    {
        var response = await _manager.PostAsJsonAsync($"/api/projects/{ProjectPath}/webhooks", new { url = _receiver.Url + path, events = new[] { kind } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var hook = await response.Content.ReadFromJsonAsync<JsonElement>();
        hook.GetProperty("secret").GetString()!.ShouldStartWith("whsec_");
        var listed = await _manager.GetFromJsonAsync<JsonElement>($"/api/projects/{ProjectPath}/webhooks");
        listed.EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == hook.GetProperty("id").GetGuid()).GetProperty("secret").ValueKind
            .ShouldBe(JsonValueKind.Null, "the secret is shown once");
        return hook;
    }

    private async Task CommentAsync(string text) =>
        (await _reviewer.PostAsJsonAsync($"/api/assets/{_clip}/comments", new { text, frame = 5 })).StatusCode.ShouldBe(HttpStatusCode.Created);

    /// <summary>The webhook's newest delivery once it is as asked (the log polled for up to 20 s).</summary>
    private async Task<JsonElement> DeliveryWhenAsync(JsonElement hook, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement latest = default;
        while (DateTime.UtcNow < deadline)
        {
            var log = await _manager.GetFromJsonAsync<JsonElement>(hook.GetProperty("deliveriesUrl").GetString());
            if (log.GetArrayLength() > 0)
            {
                latest = log[0];
                if (condition(latest))
                {
                    return latest;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the delivery never got there: {latest}");
    }
}
