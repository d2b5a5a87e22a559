using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Search.Reindexing;

/// <summary>POST /api/search/reindex as an operator uses it on the embedded defaults (the API runs
/// the job server, SQLite jobs.db): with the API key, answered at once with a status URL that shows
/// the progress until every clip is written; searches find the clips after, and the run is a job on
/// the /jobs dashboard.</summary>
[TestFixture]
public sealed class ReindexEndpointTests
{
    private const string Valley = "Valley Film";
    private MamApiFactory _api = null!;
    private HttpClient _writer = null!;
    private HttpClient _reader = null!;

    [OneTimeSetUp]
    public async Task CatalogClipsTheIndexDoesNotKnow()
    {
        _api = new MamApiFactory(settings: new Dictionary<string, string> { ["Jobs:PollInterval"] = "00:00:01" });
        _writer = _api.CreateWriter();
        _reader = _api.CreateReader();
        foreach (var (project, name) in new[] { ("Harbour Film", "A001C001"), ("Harbour Film", "A001C002"), ("Desert Film", "C001C001") })
        {
            await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(project, $"{name}R1", name, "A", null,
                [(2.0, 4.0, "the foghorn sounded twice")], []));
        }

        // Re-indexed by the tests that are not about what search finds.
        await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(Valley, "V001R1", "V001C001", "B", null, [(1.0, 2.0, "the kettle whistled")], []));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _writer.Dispose();
        _reader.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Reindex_WithoutSigningIn_IsRefused()
    {
        using var anonymous = _api.CreateAnonymous();
        var response = await anonymous.PostAsync("/api/search/reindex", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/search/reindex/1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Reindex_OfOneProject_Answers202WithAStatusUrlThatEndsDone_AndSearchFindsItsClips()
    {
        var response = await _writer.PostAsync("/api/search/reindex?reason=New%20index%20mapping&project=Harbour%20Film", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        accepted.GetProperty("total").GetInt32().ShouldBe(2);
        accepted.GetProperty("project").GetString().ShouldBe("Harbour Film");
        accepted.GetProperty("state").GetString().ShouldBeOneOf("queued", "running");
        var statusUrl = response.Headers.Location!.ToString();
        statusUrl.ShouldBe(accepted.GetProperty("statusUrl").GetString());

        var status = await ReindexStatuses.WaitUntilFinishedAsync(_writer, statusUrl);

        status.GetProperty("state").GetString().ShouldBe("done", status.ToString());
        ReindexStatuses.Counts(status).ShouldBe((2, 2));
        status.GetProperty("refused").GetArrayLength().ShouldBe(0);
        status.GetProperty("startedAt").ValueKind.ShouldBe(JsonValueKind.String);
        status.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var found = await _reader.GetFromJsonAsync<JsonElement>("/api/search?q=foghorn");
        found.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("clipName").GetString()).ShouldBe(["A001C001", "A001C002"], ignoreOrder: true);
    }

    [Test]
    public async Task Reindex_IsABackgroundJobOnTheJobsDashboard_NamedForItsProjectWithItsResult()
    {
        var response = await _writer.PostAsync("/api/search/reindex?reason=New%20index%20mapping&project=Valley%20Film", null);
        var statusUrl = response.Headers.Location!.ToString();
        var status = await ReindexStatuses.WaitUntilFinishedAsync(_writer, statusUrl);
        var id = status.GetProperty("id").GetString()!;

        var monitoring = _api.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        monitoring.SucceededJobs(0, 100).Select(j => j.Key).ShouldContain(id);
        var jobUrl = status.GetProperty("jobUrl").GetString();
        jobUrl.ShouldBe($"/jobs/jobs/details/{id}");
        var page = WebUtility.HtmlDecode(await _reader.GetStringAsync(jobUrl));
        page.ShouldContain("Search re-index: Valley Film");
        page.ShouldContain("\"Line\":\"1/1 clips (100%)", Case.Sensitive, "the job page lists its progress among its parameters");
        page.ShouldContain("<dt>Result:</dt>", Case.Insensitive);
    }

    [Test]
    public async Task Reindex_OfAProjectNotInTheCatalog_Answers404NamingIt_AndQueuesNothing()
    {
        var response = await _writer.PostAsync("/api/search/reindex?reason=New%20index%20mapping&project=Harbor", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain("'Harbor'");
        // Nothing was queued that would hold up the next re-index.
        var next = await _writer.PostAsync("/api/search/reindex?reason=New%20index%20mapping&project=Valley%20Film", null);
        next.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await ReindexStatuses.WaitUntilFinishedAsync(_writer, next.Headers.Location!.ToString());
    }

    [TestCase("")]
    [TestCase("%20%20")]
    public async Task Reindex_OfABlankProject_Answers400_RatherThanReindexingEveryClip(string blank)
    {
        var response = await _writer.PostAsync($"/api/search/reindex?reason=New%20index%20mapping&project={blank}", null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain("The project name is blank");
        problem.GetProperty("errors").GetProperty("project").GetArrayLength().ShouldBe(1);
        // Nothing was queued that would hold up the next re-index.
        var next = await _writer.PostAsync("/api/search/reindex?reason=New%20index%20mapping&project=Valley%20Film", null);
        next.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await ReindexStatuses.WaitUntilFinishedAsync(_writer, next.Headers.Location!.ToString());
    }

    [Test]
    public async Task Reindex_IsRecordedAsAPipelineOperation_WithItsReasonAndWhoAsked_WhoseProgressEndsDone()
    {
        var response = await _writer.PostAsync("/api/search/reindex?reason=Cluster%20rebuilt%20after%20the%20upgrade&project=Valley%20Film", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var operationUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationUrl").GetString()!;
        operationUrl.ShouldStartWith("/api/pipeline/operations/");
        await ReindexStatuses.WaitUntilFinishedAsync(_writer, response.Headers.Location!.ToString());
        var operation = await _reader.GetFromJsonAsync<JsonElement>(operationUrl);
        operation.GetProperty("kind").GetString().ShouldBe("reindex");
        operation.GetProperty("status").GetString().ShouldBe("done", operation.ToString());
        operation.GetProperty("reason").GetString().ShouldBe("Cluster rebuilt after the upgrade");
        operation.GetProperty("requestedBy").GetString().ShouldBe("Administrator", "the server administrator who asked");
        operation.GetProperty("scope").GetString().ShouldBe("project Valley Film");
        (operation.GetProperty("processed").GetInt32(), operation.GetProperty("total").GetInt32()).ShouldBe((1, 1));
        operation.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var listed = await _reader.GetFromJsonAsync<JsonElement>("/api/pipeline/operations?project=Valley%20Film");
        listed.EnumerateArray().Select(o => o.GetProperty("url").GetString()).ShouldContain(operationUrl);
    }

    [TestCase("")]
    [TestCase("reason=%20%20&")]
    public async Task Reindex_WithoutAReason_Answers400AskingWhy_AndRecordsAndQueuesNothing(string reason)
    {
        var before = (await _reader.GetFromJsonAsync<JsonElement>("/api/pipeline/operations")).GetArrayLength();

        var response = await _writer.PostAsync($"/api/search/reindex?{reason}project=Valley%20Film", null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("Say why (\"reason\")");
        (await _reader.GetFromJsonAsync<JsonElement>("/api/pipeline/operations")).GetArrayLength().ShouldBe(before);
        var next = await _writer.PostAsync("/api/search/reindex?reason=Retry&project=Valley%20Film", null);
        next.StatusCode.ShouldBe(HttpStatusCode.Accepted, "nothing was queued that would hold up the next re-index");
        await ReindexStatuses.WaitUntilFinishedAsync(_writer, next.Headers.Location!.ToString());
    }

    [TestCase("999999")]
    [TestCase("0")]
    [TestCase("not-a-job")]
    public async Task Status_OfAnUnknownRun_Answers404(string id)
    {
        (await _writer.GetAsync($"/api/search/reindex/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
