using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Mam.Tests.Search.Api;
using Mam.Tests.Search.Elasticsearch;
using Mam.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Search.Reindexing;

/// <summary>A re-index job whose search engine is unavailable (the API on the embedded defaults,
/// configured for Elasticsearch: the recording stand-in): it stops, says why, and waits for the
/// operator rather than retrying on its own.</summary>
[TestFixture]
public sealed class ReindexFailureTests
{
    [Test]
    public async Task Reindex_WhenTheSearchEngineIsUnavailable_EndsFailedWithTheReason_IsNotRetried_AndCanBeStartedAgain()
    {
        await using var node = await RecordingElasticsearchStandIn.StartAsync();
        await using var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Search:Provider"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = node.Url.ToString(),
            ["Search:Elasticsearch:Index"] = "mam-reindex-failure",
            ["Jobs:PollInterval"] = "00:00:01",
        });
        using var client = api.CreateWriter();
        await CataloguedClips.AddAsync(api.Services, new CataloguedClips.Clip("Harbour Film", "A001R1", "A001C001", "A", null, [(2.0, 4.0, "the foghorn sounded")], []));
        node.Answer("POST", "/_bulk", 503, """{"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"},"status":503}""");

        var statusUrl = (await client.PostAsync("/api/search/reindex?reason=New%20index%20mapping", null)).Headers.Location!.ToString();
        var status = await ReindexStatuses.WaitUntilFinishedAsync(client, statusUrl);

        status.GetProperty("state").GetString().ShouldBe("failed", status.ToString());
        var error = status.GetProperty("error").GetString()!;
        error.ShouldContain("Elasticsearch answered 503 (unavailable_shards_exception: primary shard is not active).");
        error.ShouldEndWith("Clips written so far stay indexed; start the re-index again to finish.");
        status.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var id = status.GetProperty("id").GetString()!;
        var monitoring = api.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        monitoring.FailedJobs(0, 100).Select(j => j.Key).ShouldContain(id, "the dashboard's Failed page lists it");
        monitoring.JobDetails(id).History.Count(h => h.StateName == "Processing").ShouldBe(1, "no automatic retry");
        monitoring.ScheduledCount().ShouldBe(0, "no retry waiting either");
        var operation = await client.GetFromJsonAsync<JsonElement>(status.GetProperty("operationUrl").GetString());
        operation.GetProperty("status").GetString().ShouldBe("failed", "the operation's record ends as its job did");
        operation.GetProperty("error").GetString()!.ShouldContain("primary shard is not active");

        var again = await client.PostAsync("/api/search/reindex?reason=New%20index%20mapping", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted, "a failed run holds up no other");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().ShouldNotBe(id);
    }
}
