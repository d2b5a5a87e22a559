using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Mam.Tests.Search.Api;
using Mam.Tests.Search.Elasticsearch;
using Mam.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Search.Reindexing;

/// <summary>The re-index scaled out on the real PostgreSQL: API hosts without job servers, and
/// Mam.Workers processes whose job servers share the job store (schema hangfire of the catalog
/// database). A run started on one API host is followed on another, runs on a worker, and survives
/// the worker dying under it.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class ReindexAcrossHostsTests : TempFolderTest
{
    [Test]
    public async Task Reindex_PostedToOneApiHost_IsFollowedAndRefusedOnAnother_ThenAWorkerHostRunsIt()
    {
        var settings = await SettingsAsync(new() { ["Search:SqlitePath"] = Temp.Combine("search.db") });
        await using var first = ApiWithoutJobServer(settings);
        await using var second = ApiWithoutJobServer(settings);
        using var firstClient = first.CreateWriter();
        // One catalog, one first administrator: the second host made none and uses the first one's token.
        using var secondClient = second.WithToken(first.AdminToken);
        foreach (var name in new[] { "A001C001", "A001C002" })
        {
            await CataloguedClips.AddAsync(first.Services, new CataloguedClips.Clip("Harbour Film", $"{name}R1", name, "A", null, [(2.0, 4.0, "the foghorn sounded twice")], []));
        }

        var posted = await firstClient.PostAsync("/api/search/reindex?reason=New%20index%20mapping&project=Harbour%20Film", null);

        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var statusUrl = posted.Headers.Location!.ToString();
        var seen = await secondClient.GetFromJsonAsync<JsonElement>(statusUrl);
        (seen.GetProperty("state").GetString(), seen.GetProperty("project").GetString()).ShouldBe(("queued", "Harbour Film"), "no host runs a job server yet");
        ReindexStatuses.Counts(seen).ShouldBe((0, 2));
        foreach (var other in new[] { "/api/search/reindex?reason=New%20index%20mapping&project=Harbour%20Film", "/api/search/reindex?reason=New%20index%20mapping" })
        {
            var refused = await secondClient.PostAsync(other, null);
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, other);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(statusUrl);
        }
        var id = seen.GetProperty("id").GetString()!;
        var monitoring = second.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        monitoring.EnqueuedJobs("default", 0, 100).Select(j => j.Key).ShouldContain(id, "the dashboard's Enqueued page lists it");
        WebUtility.HtmlDecode(await secondClient.GetStringAsync("/jobs/jobs/enqueued/default")).ShouldContain("Search re-index: Harbour Film");

        using var worker = new WorkerProcess(With(settings, "Mam:DataDirectory", Temp.Combine("worker")));
        var done = await ReindexStatuses.WaitUntilFinishedAsync(secondClient, statusUrl);

        done.GetProperty("state").GetString().ShouldBe("done", $"{done}\n--- worker ---\n{worker.Output}");
        ReindexStatuses.Counts(done).ShouldBe((2, 2));
        done.GetProperty("clipsPerSecond").GetDouble().ShouldBeGreaterThan(0);
        monitoring.SucceededJobs(0, 100).Select(j => j.Key).ShouldContain(id);
        var found = await secondClient.GetFromJsonAsync<JsonElement>("/api/search?q=foghorn");
        found.GetProperty("totalClips").GetInt32().ShouldBe(2, "the worker wrote the clips into the search index every host reads");
        (await firstClient.PostAsync("/api/search/reindex?reason=New%20index%20mapping", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted, "a finished run holds up no other");
    }

    /// <param name="end">"killed": SIGKILL, the job is left fetched and another worker takes it once
    /// Jobs:InvisibilityTimeout has passed (5 s here). "stopped": SIGTERM, the worker hands the job
    /// back as it stops — with the timeout at an hour, only that hand-back lets the other worker
    /// finish it within the test's patience.</param>
    [TestCase("killed", "00:00:05")]
    [TestCase("stopped", "01:00:00")]
    public async Task Reindex_WhenTheWorkerRunningItGoesAway_IsRunAgainByAnotherWorkerAndFinishes(string end, string invisibilityTimeout)
    {
        await using var node = await RecordingElasticsearchStandIn.StartAsync();
        var settings = await SettingsAsync(new()
        {
            ["Search:Provider"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = node.Url.ToString(),
            ["Search:Elasticsearch:Index"] = "mam-failover",
            ["Jobs:InvisibilityTimeout"] = invisibilityTimeout,
        });
        await using var api = ApiWithoutJobServer(settings);
        using var client = api.CreateWriter();
        var clips = new List<Guid>();
        foreach (var name in new[] { "D001C001", "D001C002", "D001C003" })
        {
            clips.Add(await CataloguedClips.AddAsync(api.Services, new CataloguedClips.Clip("Desert Film", $"{name}R1", name, "A", null, [(1.0, 2.0, "wind over the dunes")], [])));
        }
        node.HoldBulkRequests();
        using var doomed = new WorkerProcess(With(settings, "Mam:DataDirectory", Temp.Combine("doomed")));
        var statusUrl = (await client.PostAsync("/api/search/reindex?reason=New%20index%20mapping", null)).Headers.Location!.ToString();
        await WaitForBulkRequestAsync(node, doomed);

        var running = await client.GetFromJsonAsync<JsonElement>(statusUrl);
        running.GetProperty("state").GetString().ShouldBe("running");
        ReindexStatuses.Counts(running).ShouldBe((0, 3));
        running.GetProperty("startedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await client.PostAsync("/api/search/reindex?reason=New%20index%20mapping&project=Desert%20Film", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "one re-index at a time");

        if (end == "killed")
        {
            doomed.KillHard();
        }
        else
        {
            await doomed.StopGracefullyAsync(TimeSpan.FromSeconds(60));
        }
        node.ReleaseBulkRequests();
        var bulksBefore = node.Requests.Count(r => r.Path == "/_bulk");
        using var survivor = new WorkerProcess(With(settings, "Mam:DataDirectory", Temp.Combine("survivor")));
        var done = await ReindexStatuses.WaitUntilFinishedAsync(client, statusUrl);

        done.GetProperty("state").GetString().ShouldBe("done", $"{done}\n--- worker ---\n{survivor.Output}");
        ReindexStatuses.Counts(done).ShouldBe((3, 3));
        var resent = node.Requests.Where(r => r.Path == "/_bulk").Skip(bulksBefore).SelectMany(r => r.NdJsonLines.Where((_, i) => i % 2 == 1));
        resent.Select(d => Guid.Parse(d["assetId"]!.GetValue<string>())).ShouldBe(clips, ignoreOrder: true, "the second worker wrote every clip again");
        var history = api.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(done.GetProperty("id").GetString()).History;
        history.Where(h => h.StateName == "Processing").Select(h => h.Data["ServerId"]).Distinct().Count()
            .ShouldBe(2, "the dashboard's history shows the job taken up again by another server");
        var operation = await client.GetFromJsonAsync<JsonElement>(done.GetProperty("operationUrl").GetString());
        (operation.GetProperty("status").GetString(), operation.GetProperty("processed").GetInt32(), operation.GetProperty("total").GetInt32())
            .ShouldBe(("done", 3, 3), "the operation's record follows the run that finished it");
    }

    private async Task<Dictionary<string, string>> SettingsAsync(Dictionary<string, string> extra)
    {
        TestServers.Require();
        var settings = new Dictionary<string, string>(extra)
        {
            ["Catalog:Provider"] = "Postgres",
            ["Catalog:ConnectionString"] = await TestServers.CreateDatabaseAsync(),
            ["Jobs:PollInterval"] = "00:00:01",
        };
        return settings;
    }

    /// <summary>An API host that only queues jobs and reads their state (Workers:Embedded=false).</summary>
    private static MamApiFactory ApiWithoutJobServer(Dictionary<string, string> settings) => new(settings: With(settings, "Workers:Embedded", "false"));

    private static Dictionary<string, string> With(Dictionary<string, string> settings, string key, string value) =>
        new(settings) { [key] = value };

    private static async Task WaitForBulkRequestAsync(RecordingElasticsearchStandIn node, WorkerProcess worker)
    {
        for (var i = 0; i < 1200 && !node.Requests.Any(r => r.Path == "/_bulk"); i++)
        {
            await Task.Delay(100);
        }
        node.Requests.ShouldContain(r => r.Path == "/_bulk", $"the worker should have started the re-index\n--- worker ---\n{worker.Output}");
    }
}
