using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Api.Restores;

/// <summary>Plans through the API: what is refused and how it is worded (a range outside the clip or
/// reversed, a role without the restore right), what a range plan holds, and the results the MAM will
/// not take on the agent's word.</summary>
[TestFixture]
public sealed class RestorePlanTests
{
    private const string Project = "Harbour";
    private MamApiFactory _api = null!;
    private HttpClient _archivist = null!;
    private Guid _clip;

    [OneTimeSetUp]
    public async Task AClipOfTwentySecondsFromOneHour()
    {
        _api = new MamApiFactory(settings: new Dictionary<string, string> { ["Workers:Embedded"] = "false" });
        // 25 fps, 20 s, starting at 01:00:00:00 (CataloguedClips' probe results).
        _clip = await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(Project, "A002R2CD", "A002C004", "A", null, [], []));
        _archivist = _api.WithToken(await _api.PersonTokenAsync("rosa-archivist", (Project, ProjectRole.Archivist)));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _archivist.Dispose();
        _api.Dispose();
    }

    [TestCase("01:00:15:00", "01:00:25:00", "01:00:15:00–01:00:25:00 is outside the clip")]
    [TestCase("00:59:59:00", "01:00:05:00", "00:59:59:00–01:00:05:00 is outside the clip")]
    [TestCase("01:00:10:00", "01:00:05:00", "\"to\" (01:00:05:00) must come after \"from\" (01:00:10:00)")]
    [TestCase("01:00:10:00", "01:00:10:00", "\"to\" (01:00:10:00) must come after \"from\" (01:00:10:00)")]
    [TestCase("01:00:10:30", "01:00:12:00", "must be timecodes HH:MM:SS:FF valid at the clip's rate")]
    public async Task Plan_OfARangeOutsideTheClipOrReversed_Answers400WithTheClipsOwnRange(string from, string to, string said)
    {
        using var response = await _archivist.PostAsJsonAsync("/api/restores", new { asset = _clip, from, to });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain(said);
        detail.ShouldContain("A002C004 runs from 01:00:00:00 to 01:00:20:00 (end exclusive, 25 fps)");
        (await RestoresAsync()).ShouldBe(0, "a refused plan leaves nothing behind");
    }

    [Test]
    public async Task Plan_OfARange_ListsTheCutBesideTheOriginal_WithItsSizeEstimated()
    {
        using var response = await _archivist.PostAsJsonAsync("/api/restores", new { asset = _clip, from = "01:00:05:00", to = "01:00:10:00" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        plan.GetProperty("state").GetString().ShouldBe("planned");
        plan.GetProperty("scope").GetString().ShouldBe("A002C004 from 01:00:05:00 to 01:00:10:00");
        var file = plan.GetProperty("files").EnumerateArray().ShouldHaveSingleItem();
        file.GetProperty("path").GetString().ShouldBe("Clips/A002C004_01000500-01001000.mov");
        file.GetProperty("cut").GetProperty("source").GetString().ShouldBe("Clips/A002C004.mov");
        file.GetProperty("cut").GetProperty("state").GetString().ShouldBe("pending");
        file.GetProperty("missing").GetBoolean().ShouldBeTrue("the catalogued clip has no stored object in this test");
    }

    [Test]
    public async Task Plan_ByAnEditor_Is403_NamingTheRolesThatMayRestore()
    {
        // An editor of this project who administers another: the endpoint lets them in, the project does not.
        using var editor = _api.WithToken(await _api.PersonTokenAsync("ed-editor", (Project, ProjectRole.Editor), ("Other", ProjectRole.Administrator)));

        using var response = await editor.PostAsJsonAsync("/api/restores", new { project = Project, card = "A002R2CD" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("roles that have it: archivist, administrator");
    }

    [TestCase("""{}""", "Name exactly one thing to restore")]
    [TestCase("""{"card":"A002R2CD"}""", "name the card's project too")]
    [TestCase("""{"card":"A002R2CD","project":"Harbour","assets":["0b5e5a4e-0000-0000-0000-000000000000"]}""", "Name exactly one thing to restore")]
    [TestCase("""{"card":"A002R2CD","project":"Harbour","throughputMiBps":0}""", "\\\"throughputMiBps\\\" must be more than 0")]
    public async Task Plan_NamingNothingOrTooMuch_Answers400SayingWhat(string body, string said)
    {
        using var response = await _archivist.PostAsync("/api/restores", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(said);
    }

    [Test]
    public async Task Results_TheMamDoesNotTakeOnTheAgentsWord_AreRecordedAsFailedOrRefused()
    {
        var plan = await (await _archivist.PostAsJsonAsync("/api/restores", new { project = Project, card = "A002R2CD" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = plan.GetProperty("id").GetGuid();
        var file = plan.GetProperty("files")[0].GetProperty("id").GetGuid();

        using (var early = await _archivist.PostAsJsonAsync($"/api/restores/{id}/results", new { files = new[] { new { id = file, result = "verified", xxh64 = "0123456789abcdef" } }, finished = true }))
        {
            early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await early.Content.ReadAsStringAsync()).ShouldContain("has not been started");
        }
        (await _archivist.PostAsJsonAsync($"/api/restores/{id}/start", new { destination = "edit-3:/restores" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var original = await _archivist.PostAsJsonAsync($"/api/restores/{id}/results", new { files = new[] { new { id = file, result = "original", xxh64 = "0123456789abcdef" } } }))
        {
            original.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await original.Content.ReadAsStringAsync()).ShouldContain("is an original: it is verified against the set or it failed");
        }

        using var wrongHash = await _archivist.PostAsJsonAsync($"/api/restores/{id}/results",
            new { files = new[] { new { id = file, result = "verified", xxh64 = "ffffffffffffffff" } }, finished = true, bytes = 10, seconds = 1.0 });

        wrongHash.StatusCode.ShouldBe(HttpStatusCode.OK);
        var record = await wrongHash.Content.ReadFromJsonAsync<JsonElement>();
        record.GetProperty("state").GetString().ShouldBe("failed");
        record.GetProperty("files")[0].GetProperty("result").GetString().ShouldBe("failed");
        record.GetProperty("files")[0].GetProperty("reason").GetString().ShouldBe("reported as verified, but its xxh64 ffffffffffffffff is not the 0123456789abcdef taken on set");
    }

    [Test]
    public async Task Start_WhenAFileIsInAnArchiveTier_OfAStoreThatTakesNoRestoreRequests_Is409NamingItAndWhatToDo()
    {
        var plan = await (await _archivist.PostAsJsonAsync("/api/restores", new { project = Project, card = "A002R2CD" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = plan.GetProperty("id").GetGuid();
        // What a HEAD of a GLACIER object not restored gives the plan; the folder store cannot be asked to bring it
        // back (the archive-tier stand-in tests show a store that can).
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            await db.RestoreFiles.Where(f => f.RestoreId == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.ArchiveRestoreNeeded, true).SetProperty(f => f.StorageClass, "GLACIER").SetProperty(f => f.Missing, false));
        }

        using var response = await _archivist.PostAsJsonAsync($"/api/restores/{id}/start", new { destination = "edit-3:/restores", tier = "Bulk" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:archive-restore-needed");
        problem.GetProperty("detail").GetString()!.ShouldContain("A002R2CD/Clips/A002C004.mov in GLACIER");
        problem.GetProperty("detail").GetString()!.ShouldContain("This server's store does not take restore requests");
        var after = await _archivist.GetFromJsonAsync<JsonElement>($"/api/restores/{id}");
        after.GetProperty("state").GetString().ShouldBe("planned");
        after.GetProperty("archiveRestoreNeeded").GetBoolean().ShouldBeTrue();
        after.GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("tier").GetString()).ShouldBe(["Expedited", "Standard", "Bulk"]);
    }

    [Test]
    public void Start_WithATierThatDoesNotExist_IsRefusedNamingTheSetting()
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Restores:ArchiveClasses:GLACIER:Quick:WaitHours"] = "1" });

        var failure = Should.Throw<OptionsValidationException>(() => api.CreateClient());

        failure.Message.ShouldContain("Restores:ArchiveClasses:GLACIER:Quick: 'Quick' is not a retrieval tier; the tiers are Expedited, Standard, Bulk.");
    }

    private async Task<int> RestoresAsync()
    {
        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        return await db.Restores.CountAsync();
    }
}
