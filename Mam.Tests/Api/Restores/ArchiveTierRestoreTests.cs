using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Integrity.Hashing;
using Mam.Storage.Placement;
using Mam.Storage.S3;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;
using Mam.Workers.Restores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Api.Restores;

/// <summary>Restores of files in an archive tier, against <see cref="ArchiveTierStandIn"/> — a WireMock.Net
/// stand-in of AWS's archive-tier behaviour, because Ceph RGW 16 answers RestoreObject with 501. Each test
/// has its own stand-in, MAM and clip.</summary>
[TestFixture]
public sealed class ArchiveTierRestoreTests
{
    private const string Project = "Glacier";
    private const string Card = "A009R9ZZ";
    private static readonly byte[] Content = [.. Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7))];

    private ArchiveTierStandIn _archive = null!;
    private MamApiFactory _api = null!;
    private HttpClient _archivist = null!;
    private string _key = "";

    [SetUp]
    public async Task AClipInGlacier()
    {
        _archive = ArchiveTierStandIn.Start();
        var settings = _archive.ApiSettings();
        settings["Workers:Embedded"] = "false";
        settings["Restores:Archive:Days"] = "3";
        _api = new MamApiFactory(settings: settings);
        await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(Project, Card, "A009C001", "A", null, [], []));
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            var xxh64 = Xxh64.HashHex(Content);
            await db.CardFiles.Where(f => f.Card!.Name == Card).ExecuteUpdateAsync(s => s.SetProperty(f => f.Size, Content.Length).SetProperty(f => f.Xxh64, xxh64));
            _key = await db.CardFiles.Where(f => f.Card!.Name == Card).Select(f => f.StorageKey).SingleAsync();
        }
        _archive.PutArchived(_key, Content);
        _archivist = _api.WithToken(await _api.PersonTokenAsync("gita-archivist", (Project, ProjectRole.Archivist)));
    }

    [TearDown]
    public void Stop()
    {
        _archivist.Dispose();
        _api.Dispose();
        _archive.Dispose();
    }

    [Test]
    public async Task Start_WithATier_RequestsTheArchivedFileWithThatTierAndDays_AndTheRestoreWaits()
    {
        var id = await PlanAsync();

        using var response = await StartAsync(id, "Bulk");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:archive-restore-waiting");
        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain("1 of 1 file(s) of restore");
        detail.ShouldContain("coming back from the archive tier: expected readable by");
        detail.ShouldContain("(about 12 h from now, Bulk tier)");
        problem.GetProperty("archive").GetProperty("coming").GetInt32().ShouldBe(1);
        _archive.RestoreRequests.ShouldBe([(_key, "Bulk", 3)]);

        var record = await _archivist.GetFromJsonAsync<JsonElement>($"/api/restores/{id}");
        record.GetProperty("state").GetString().ShouldBe("waiting-for-archive");
        record.GetProperty("tier").GetString().ShouldBe("Bulk");
        record.GetProperty("files")[0].GetProperty("archive").GetString().ShouldBe("requested");

        using var again = await StartAsync(id, "Bulk");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        _archive.RestoreRequests.Count.ShouldBe(1, "a request under way (x-amz-restore: ongoing-request=\"true\") is not sent again");
    }

    [Test]
    public async Task Start_OfAnArchivedFile_WithoutATier_IsRefusedNamingTheTiers_AndRequestsNothing()
    {
        var id = await PlanAsync();

        using var response = await StartAsync(id, null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:archive-tier-needed");
        problem.GetProperty("detail").GetString()!.ShouldContain($"{Card}/Clips/A009C001.mov in GLACIER");
        problem.GetProperty("detail").GetString()!.ShouldContain("\"tier\": Expedited, Standard, Bulk");
        _archive.RestoreRequests.ShouldBeEmpty();
    }

    [Test]
    public async Task PollJob_WhenTheStoreSaysRestored_MakesTheRestoreReady_AndTheManifestReadsTheFile()
    {
        var id = await PlanAsync();
        (await StartAsync(id, "Expedited")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await PollAsync();
        (await StateAsync(id)).ShouldBe("waiting-for-archive", "still coming back");
        var until = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(4), TimeSpan.Zero);

        _archive.Restore(_key, until);
        await PollAsync();

        var record = await _archivist.GetFromJsonAsync<JsonElement>($"/api/restores/{id}");
        record.GetProperty("state").GetString().ShouldBe("ready");
        record.GetProperty("archive").GetProperty("readableUntil").GetDateTimeOffset().ShouldBe(until);
        record.GetProperty("files")[0].GetProperty("archive").GetString().ShouldBe("readable");
        using var started = await StartAsync(id, "Expedited");
        started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        var manifest = await started.Content.ReadFromJsonAsync<JsonElement>();
        var url = manifest.GetProperty("files")[0].GetProperty("url").GetString()!;
        url.ShouldStartWith($"{_archive.Url}/{ArchiveTierStandIn.Bucket}/{_key}");
        using var reader = new HttpClient();
        (await reader.GetByteArrayAsync(url)).ShouldBe(Content);
    }

    [Test]
    public async Task Start_WhenTheRestoredCopyExpiredBeforeItWasRead_RequestsItAgain_AndWaitsSayingSo()
    {
        var id = await PlanAsync();
        (await StartAsync(id, "Standard")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        _archive.Restore(_key, DateTimeOffset.UtcNow.AddDays(3));
        await PollAsync();
        using var ready = await StartAsync(id, "Standard");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var url = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("files")[0].GetProperty("url").GetString()!;
        using var reader = new HttpClient();

        _archive.Expire(_key);
        using (var refused = await reader.GetAsync(url))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("<Code>InvalidObjectState</Code>");
        }
        using var again = await StartAsync(id, "Standard");

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:archive-restore-waiting");
        problem.GetProperty("detail").GetString()!.ShouldStartWith($"The restored copies of 1 file(s) expired before they were read ({Card}/Clips/A009C001.mov); they were requested again on ");
        _archive.RestoreRequests.Select(r => r.Tier).ShouldBe(["Standard", "Standard"]);
        var record = await _archivist.GetFromJsonAsync<JsonElement>($"/api/restores/{id}");
        record.GetProperty("state").GetString().ShouldBe("waiting-for-archive");
        record.GetProperty("archive").GetProperty("note").GetString()!.ShouldContain("expired before they were read");
    }

    [Test]
    public async Task PollJob_WhenAReadableCopyPassedItsExpiry_RequestsItAgain_AndTheRestoreWaits()
    {
        var id = await PlanAsync();
        (await StartAsync(id, "Bulk")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // AWS drops the copy some time after its expiry-date; the poll looks again once that date has passed.
        _archive.Restore(_key, DateTimeOffset.UtcNow.AddMinutes(-1));
        await PollAsync();
        (await StateAsync(id)).ShouldBe("ready");

        _archive.Expire(_key);
        await PollAsync();

        (await StateAsync(id)).ShouldBe("waiting-for-archive");
        _archive.RestoreRequests.Count.ShouldBe(2);
    }

    [Test]
    public async Task Store_RestoreObject_Answers202ThenRestoreAlreadyInProgress_ThenReadable()
    {
        using var store = new S3ObjectStore(Microsoft.Extensions.Options.Options.Create(_archive.Options()), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);

        (await store.RequestRestoreAsync(_key, "Bulk", 2, CancellationToken.None)).ShouldBe(ArchiveRequestOutcome.Accepted);
        (await store.GetPlacementAsync(_key, CancellationToken.None))!.Archive.ShouldBe(ArchiveState.RestoreInProgress);
        (await store.RequestRestoreAsync(_key, "Bulk", 2, CancellationToken.None)).ShouldBe(ArchiveRequestOutcome.AlreadyUnderWay);
        _archive.Restore(_key, DateTimeOffset.UtcNow.AddDays(2));
        (await store.GetPlacementAsync(_key, CancellationToken.None))!.Archive.ShouldBe(ArchiveState.Restored);
        (await store.RequestRestoreAsync(_key, "Bulk", 2, CancellationToken.None)).ShouldBe(ArchiveRequestOutcome.AlreadyReadable);
        await Should.ThrowAsync<Mam.Storage.ObjectNotFoundException>(() => store.RequestRestoreAsync("projects/none.mov", "Bulk", 2, CancellationToken.None));
    }

    private async Task<Guid> PlanAsync()
    {
        using var response = await _archivist.PostAsJsonAsync("/api/restores", new { project = Project, card = Card });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        plan.GetProperty("files")[0].GetProperty("archiveRestoreNeeded").GetBoolean().ShouldBeTrue();
        return plan.GetProperty("id").GetGuid();
    }

    private Task<HttpResponseMessage> StartAsync(Guid id, string? tier) =>
        _archivist.PostAsJsonAsync($"/api/restores/{id}/start", new { destination = "vault-1:/restores", tier });

    private async Task<string> StateAsync(Guid id) =>
        (await _archivist.GetFromJsonAsync<JsonElement>($"/api/restores/{id}")).GetProperty("state").GetString()!;

    /// <summary>One run of the recurring job, as the job server would run it.</summary>
    private async Task PollAsync()
    {
        await using var scope = _api.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ArchiveRestorePoll>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}
