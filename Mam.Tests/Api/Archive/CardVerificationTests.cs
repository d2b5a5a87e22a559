using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Storage;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Mam.Tests.Api.Archive.ArchivedCard;
using static Mam.Tests.Api.ProbeSupport;

namespace Mam.Tests.Api.Archive;

/// <summary>The agent's <c>verify</c> of an on-set copy reported to the MAM: each file becomes that copy's
/// last check and a fixity-check event; a damaged or missing file shows as a failure in the 3-2-1 view;
/// paths the card does not have are answered back, the rest still recorded; unknown cards and callers
/// without the ingest right are refused.</summary>
[TestFixture]
public sealed class CardVerificationTests
{
    private const string Project = "Harbour Film";
    private const string Raid = "dana-mbp:/Volumes/RAID/V001";
    private const string Shuttle = "lab-mac:/Volumes/SHUTTLE_03/V001";
    private static readonly byte[] First = Bytes(4000, 11);
    private static readonly byte[] Second = Bytes(3000, 12);
    private static readonly byte[] Third = Bytes(2000, 13);
    private MamApiFactory _api = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task ACardOnARaid()
    {
        _api = new MamApiFactory(settings: Settings(StorageProvider.FileSystem));
        _admin = _api.CreateWriter();
        await RegisterAsync(_admin, Project, "V001", new Dictionary<string, byte[]>
        {
            ["Clips/V001C001.mov"] = First,
            ["Clips/V001C002.mov"] = Second,
            ["Clips/V001C003.mov"] = Third,
        }, new { location = Raid, verifiedAt = DateTimeOffset.UtcNow.AddDays(-2), verifiedBy = "mam-ingest-agent 1.0" });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _api.Dispose();
    }

    private static string Url(string card = "V001", string project = Project) =>
        $"/api/cards/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(card)}/verifications";

    private static object Report(string location, params object[] files) =>
        new { location, checkedAt = DateTimeOffset.UtcNow, checkedBy = "mam-ingest-agent verify 2.0", files };

    private static object Line(string path, string outcome, byte[]? bytes, string? detail = null) =>
        new { path, outcome, algorithm = "xxh64", digest = bytes is null ? null : CardRegistrationTests.Xxh64Of(bytes), detail };

    [Test]
    public async Task AShuttleDrivesVerify_AddsItsCopies_WithTheirCheck_AndTheDamagedAndMissingShowAsFailures_InTheViewAndTheExport()
    {
        var damaged = (byte[])Second.Clone();
        damaged[10] ^= 1;
        using var response = await _admin.PostAsJsonAsync(Url(), Report(Shuttle,
            Line("Clips/V001C001.mov", "intact", First),
            Line("Clips/V001C002.mov", "mismatch", damaged, "xxh64 recorded a, now b"),
            Line("Clips/V001C003.mov", "missing", null, "listed in the ASC MHL history but not on disk"),
            Line("Clips/V001C099.mov", "intact", First)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("recorded").GetInt32().ShouldBe(3);
        answer.GetProperty("intact").GetInt32().ShouldBe(1);
        answer.GetProperty("failed").GetInt32().ShouldBe(2);
        answer.GetProperty("unknownPaths").EnumerateArray().Select(p => p.GetString()).ShouldBe(["Clips/V001C099.mov"]);

        var copies = await _admin.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies?show=failed");
        copies.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ShouldBe(["Clips/V001C002.mov", "Clips/V001C003.mov"]);
        var shuttle = copies.GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("location").GetString() == Shuttle);
        shuttle.GetProperty("kind").GetString().ShouldBe("on-set");
        shuttle.GetProperty("copies").GetInt32().ShouldBe(3);
        shuttle.GetProperty("damaged").GetInt32().ShouldBe(1);
        shuttle.GetProperty("missing").GetInt32().ShouldBe(1);
        var all = await _admin.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies");
        var first = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("path").GetString() == "Clips/V001C001.mov");
        var onShuttle = first.GetProperty("where").EnumerateArray().Single(c => c.GetProperty("location").GetString() == Shuttle);
        onShuttle.GetProperty("key").GetString().ShouldBe("Clips/V001C001.mov");
        onShuttle.GetProperty("outcome").GetString().ShouldBe("intact");
        onShuttle.GetProperty("checkedBy").GetString().ShouldBe("mam-ingest-agent verify 2.0");

        var csv = (await _admin.GetStringAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var shuttleRows = csv.Where(l => l.Contains(Shuttle, StringComparison.Ordinal)).ToList();
        shuttleRows.Count.ShouldBe(3);
        shuttleRows.ShouldContain(l => l.Contains("Clips/V001C002.mov", StringComparison.Ordinal) && l.Contains($",damaged,xxh64,{CardRegistrationTests.Xxh64Of(Second)},{CardRegistrationTests.Xxh64Of(damaged)},", StringComparison.Ordinal));
        shuttleRows.ShouldContain(l => l.Contains("Clips/V001C003.mov", StringComparison.Ordinal) && l.Contains(",missing,xxh64,", StringComparison.Ordinal));
        shuttleRows.ShouldAllBe(l => l.Contains(",on-set,", StringComparison.Ordinal) && l.Contains("mam-ingest-agent verify 2.0", StringComparison.Ordinal));
    }

    [Test]
    public async Task AVerifyOfTheRaid_UpdatesTheCopyTheCardReported_AndAnIntactClaimWhoseHashIsNotTheOnSetOne_IsDamaged()
    {
        var before = await InCatalog(_api, db => db.FileCopies.CountAsync());
        using var response = await _admin.PostAsJsonAsync(Url(), Report(Raid,
            Line("Clips/V001C001.mov", "intact", First),
            Line("Clips/V001C002.mov", "intact", Third)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await InCatalog(_api, db => db.FileCopies.CountAsync())).ShouldBe(before, "the RAID copies were registered with the card; a check updates them");
        var all = await _admin.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies");
        string Outcome(string path) => all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("path").GetString() == path)
            .GetProperty("where").EnumerateArray().Single(c => c.GetProperty("location").GetString() == Raid).GetProperty("outcome").GetString()!;
        Outcome("Clips/V001C001.mov").ShouldBe("intact");
        Outcome("Clips/V001C002.mov").ShouldBe("damaged", "the catalog trusts the on-set hash over the word 'intact'");
        var csv = await _admin.GetStringAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks?format=csv");
        csv.ShouldContain("reported intact, but its xxh64");
    }

    [Test]
    public async Task AnUnknownCard_OrProject_Is404WithTheWords_AndABadOutcome_Is400_AndNothingIsRecorded()
    {
        var before = await InCatalog(_api, db => db.FixityChecks.CountAsync());
        using var unknownCard = await _admin.PostAsJsonAsync(Url("V404"), Report(Shuttle, Line("Clips/V001C001.mov", "intact", First)));
        using var unknownProject = await _admin.PostAsJsonAsync(Url(project: "No Such Film"), Report(Shuttle, Line("Clips/V001C001.mov", "intact", First)));
        using var badOutcome = await _admin.PostAsJsonAsync(Url(), Report(Shuttle, Line("Clips/V001C001.mov", "intact", First), Line("Clips/V001C002.mov", "fine", Second)));
        using var noLocation = await _admin.PostAsJsonAsync(Url(), Report("", Line("Clips/V001C001.mov", "intact", First)));

        unknownCard.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Detail(unknownCard)).ShouldContain("There is no card 'V404' in 'Harbour Film'");
        unknownProject.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Detail(unknownProject)).ShouldContain("There is no project 'No Such Film'");
        badOutcome.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(badOutcome)).ShouldContain("the outcome must be intact, mismatch or missing, not 'fine'");
        noLocation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(noLocation)).ShouldContain("needs the location");
        (await InCatalog(_api, db => db.FixityChecks.CountAsync())).ShouldBe(before);
    }

    [Test]
    public async Task AViewer_Is403_AndAnotherProjectsAdministrator_404_AndTheIngestRole_MayReport()
    {
        using var viewer = _api.WithToken(await _api.PersonTokenAsync("verify-viewer", (Project, ProjectRole.Viewer)));
        using var outsider = _api.WithToken(await _api.PersonTokenAsync("verify-outsider", ("Other Film", ProjectRole.Administrator)));
        using var dit = _api.WithToken(await _api.PersonTokenAsync("verify-dit", (Project, ProjectRole.Ingest)));
        var before = await InCatalog(_api, db => db.FixityChecks.CountAsync());

        using var asViewer = await viewer.PostAsJsonAsync(Url(), Report("viewer:/x", Line("Clips/V001C001.mov", "intact", First)));
        using var asOutsider = await outsider.PostAsJsonAsync(Url(), Report("outsider:/x", Line("Clips/V001C001.mov", "intact", First)));
        asViewer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        asOutsider.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await InCatalog(_api, db => db.FixityChecks.CountAsync())).ShouldBe(before);

        using var asDit = await dit.PostAsJsonAsync(Url(), Report("dit-laptop:/Volumes/SHUTTLE_04/V001", Line("Clips/V001C001.mov", "intact", First)));
        asDit.StatusCode.ShouldBe(HttpStatusCode.OK, await asDit.Content.ReadAsStringAsync());
        (await InCatalog(_api, db => db.FixityChecks.CountAsync())).ShouldBe(before + 1);
    }
}
