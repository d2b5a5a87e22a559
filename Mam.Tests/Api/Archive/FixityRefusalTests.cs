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

/// <summary>Audits asked for wrongly, or by someone without the right, are refused with the words and
/// queue nothing; on-set copies a card reports are recorded, and a bad one refuses the card whole.</summary>
[TestFixture]
public sealed class FixityRefusalTests
{
    private const string Project = "Harbour Film";
    private MamApiFactory _api = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task ACard()
    {
        _api = new MamApiFactory(settings: Settings(StorageProvider.FileSystem));
        _admin = _api.CreateWriter();
        await RegisterAsync(_admin, Project, "C001", new Dictionary<string, byte[]> { ["Clips/C001C001.mov"] = Bytes(1000, 1) },
            new { location = "dana-mbp:/Volumes/RAID/C001", verifiedAt = DateTimeOffset.UtcNow });
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task AnAuditOfEveryProject_ByAProjectsArchivist_Is403_AndAViewersAuditOfTheProject403_AndNothingIsQueued()
    {
        using var archivist = _api.WithToken(await _api.PersonTokenAsync("arch", (Project, ProjectRole.Archivist)));
        using var viewer = _api.WithToken(await _api.PersonTokenAsync("view", (Project, ProjectRole.Viewer)));
        var before = await InCatalog(_api, db => db.FixityAudits.CountAsync());
        using var everything = await archivist.PostAsJsonAsync("/api/fixity/audits", new { reason = "all" });
        using var asViewer = await viewer.PostAsJsonAsync("/api/fixity/audits", new { project = Project });

        everything.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Detail(everything)).ShouldContain("needs a server administrator");
        asViewer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Detail(asViewer)).ShouldContain("Your roles do not include this");
        (await InCatalog(_api, db => db.FixityAudits.CountAsync())).ShouldBe(before);
    }

    [Test]
    public async Task AnAuditNamingTwoScopes_OrAProjectThatIsNotThere_OrAnAuditListOfTakeZero_IsRefusedWithTheWords()
    {
        var before = await InCatalog(_api, db => db.FixityAudits.CountAsync());
        using var two = await _admin.PostAsJsonAsync("/api/fixity/audits", new { project = Project, card = Guid.NewGuid() });
        using var missing = await _admin.PostAsJsonAsync("/api/fixity/audits", new { project = "Nope" });
        using var unknownCard = await _admin.PostAsJsonAsync("/api/fixity/audits", new { card = Guid.NewGuid() });
        using var takeZero = await _admin.GetAsync("/api/fixity/audits?take=0");
        using var badShow = await _admin.GetAsync($"/api/projects/{Uri.EscapeDataString(Project)}/copies?show=rotten");
        using var badFormat = await _admin.GetAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks?format=pdf");

        two.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(two)).ShouldContain("Name one of project, card or asset");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Detail(missing)).ShouldContain("There is no project 'Nope'");
        unknownCard.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        takeZero.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(takeZero)).ShouldContain("take must be between 1 and 500");
        badShow.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(badShow)).ShouldContain("below-minimum");
        badFormat.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await InCatalog(_api, db => db.FixityAudits.CountAsync())).ShouldBe(before);
    }

    [Test]
    public async Task AnOutsider_SeesNeitherTheCopiesNorTheAudits()
    {
        using var outsider = _api.WithToken(await _api.PersonTokenAsync("outsider", ("Other Film", ProjectRole.Administrator)));
        using var started = await _admin.PostAsJsonAsync("/api/fixity/audits", new { project = Project });
        var url = started.Headers.Location!.ToString();

        (await outsider.GetAsync($"/api/projects/{Uri.EscapeDataString(Project)}/copies")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/projects/{Uri.EscapeDataString(Project)}/fixity-checks")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetFromJsonAsync<JsonElement>("/api/fixity/audits")).GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task TheSameCardRegisteredAgainFromAShuttleDrive_AddsThatCopy_AndABadDestinationRefusesTheCardWhole()
    {
        var files = new Dictionary<string, byte[]> { ["Clips/C002C001.mov"] = Bytes(1000, 2) };
        await RegisterAsync(_admin, Project, "C002", files, new { location = "dana-mbp:/Volumes/RAID/C002", verifiedAt = DateTimeOffset.UtcNow });
        var again = new
        {
            project = Project, name = "C002", dit = "Dana", offloadedAt = DateTimeOffset.UtcNow,
            files = files.Select(f => new { path = f.Key, size = f.Value.Length, hashes = new Dictionary<string, string> { ["xxh64"] = CardRegistrationTests.Xxh64Of(f.Value) } }),
            destinations = new[] { new { location = "lab-mac:/Volumes/SHUTTLE_02/C002", verifiedAt = DateTimeOffset.UtcNow } },
        };
        (await _admin.PostAsJsonAsync("/api/cards", again)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var copies = await _admin.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/copies");
        var item = copies.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("path").GetString() == "Clips/C002C001.mov");
        item.GetProperty("where").EnumerateArray().Select(c => c.GetProperty("location").GetString())
            .ShouldBe(["dana-mbp:/Volumes/RAID/C002", "lab-mac:/Volumes/SHUTTLE_02/C002", "main"]);

        var rows = await RegisteredRows(_api);
        var copyRows = await InCatalog(_api, db => db.FileCopies.CountAsync());
        var bad = new
        {
            project = Project, name = "C003", dit = "Dana",
            files = new[] { new { path = "x.mov", size = 1, hashes = new Dictionary<string, string> { ["xxh64"] = "0123456789abcdef" } } },
            destinations = new object[] { new { location = "" }, new { location = "m:/d", notVerified = new[] { "y.mov" } } },
        };
        using var refused = await _admin.PostAsJsonAsync("/api/cards", bad);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problem(refused)).GetProperty("errors");
        errors.GetProperty("destinations[0].location")[0].GetString()!.ShouldContain("needs its location");
        errors.GetProperty("destinations[1].notVerified")[0].GetString()!.ShouldContain("'y.mov' is not a file of this card");
        (await RegisteredRows(_api)).ShouldBe(rows);
        (await InCatalog(_api, db => db.FileCopies.CountAsync())).ShouldBe(copyRows);
    }
}
