using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;

namespace Mam.Tests.Search.Reindexing;

/// <summary>POST /api/search/reindex as an operator uses it: with the API key, answered at once with a
/// status URL that shows the progress until every clip is written; searches find the clips after.</summary>
[TestFixture]
public sealed class ReindexEndpointTests
{
    private MamApiFactory _api = null!;
    private HttpClient _writer = null!;
    private HttpClient _reader = null!;

    [OneTimeSetUp]
    public async Task CatalogClipsTheIndexDoesNotKnow()
    {
        _api = new MamApiFactory();
        _writer = _api.CreateWriter();
        _reader = _api.CreateReader();
        foreach (var (project, name) in new[] { ("Harbour Film", "A001C001"), ("Harbour Film", "A001C002"), ("Desert Film", "C001C001") })
        {
            await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(project, $"{name}R1", name, "A", null,
                [(2.0, 4.0, "the foghorn sounded twice")], []));
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _writer.Dispose();
        _reader.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Reindex_WithoutTheApiKey_IsRefused()
    {
        var response = await _reader.PostAsync("/api/search/reindex", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _reader.GetAsync($"/api/search/reindex/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Reindex_OfOneProject_Answers202WithAStatusUrlThatEndsDone_AndSearchFindsItsClips()
    {
        var response = await _writer.PostAsync("/api/search/reindex?project=Harbour%20Film", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        accepted.GetProperty("total").GetInt32().ShouldBe(2);
        accepted.GetProperty("project").GetString().ShouldBe("Harbour Film");
        var statusUrl = response.Headers.Location!.ToString();
        statusUrl.ShouldBe(accepted.GetProperty("statusUrl").GetString());

        var status = await WaitUntilFinishedAsync(statusUrl);

        status.GetProperty("state").GetString().ShouldBe("done");
        (status.GetProperty("done").GetInt32(), status.GetProperty("total").GetInt32()).ShouldBe((2, 2));
        status.GetProperty("refused").GetArrayLength().ShouldBe(0);
        status.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var found = await _reader.GetFromJsonAsync<JsonElement>("/api/search?q=foghorn");
        found.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("clipName").GetString()).ShouldBe(["A001C001", "A001C002"], ignoreOrder: true);
    }

    [Test]
    public async Task Reindex_OfAProjectNotInTheCatalog_Answers404NamingIt()
    {
        var response = await _writer.PostAsync("/api/search/reindex?project=Harbor", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain("'Harbor'");
    }

    [Test]
    public async Task Status_OfAnUnknownRun_Answers404()
    {
        (await _writer.GetAsync($"/api/search/reindex/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Polls the status URL (a few clips take well under a second; the bound only ends a hang).</summary>
    private async Task<JsonElement> WaitUntilFinishedAsync(string statusUrl)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await _writer.GetFromJsonAsync<JsonElement>(statusUrl, patience.Token);
            if (status.GetProperty("state").GetString() != "running")
            {
                return status;
            }

            await Task.Delay(50, patience.Token);
        }
    }
}
