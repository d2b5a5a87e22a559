using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mam.Contracts.Uploads;
using Mam.Storage;
using Mam.Tests.Storage;
using Mam.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Mam.Tests.Api.ProbeSupport;

namespace Mam.Tests.Api;

/// <summary>On a card a name is either a file or a folder: 'f' then 'f/g', or 'h/i' then 'h', is refused with
/// both paths named (409), in one manifest (400) and across uploads of the same card — on the folder store,
/// which could not write both, and on S3, which could but no restore could put them back.</summary>
[TestFixture(StorageProvider.FileSystem)]
[TestFixture(StorageProvider.S3)]
public sealed class PathCollisionTests(StorageProvider provider)
{
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApi()
    {
        var settings = new Dictionary<string, string>();
        if (provider == StorageProvider.S3)
        {
            S3TestServer.IgnoreUnlessStarted();
            settings = S3TestServer.ApiSettings("collide");
        }
        _api = new MamApiFactory(settings: settings);
        _client = _api.CreateWriter();
    }

    [TearDown]
    public void StopApi()
    {
        _client?.Dispose();
        _api?.Dispose();
    }

    [Test]
    public async Task Upload_OfAFileInsideAStoredFile_Returns409NamingBothAndStoresNothing()
    {
        (await Upload("Clips/f", "one")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await Upload("Clips/f/g", "two");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Detail(response)).ShouldBe("'Clips/f/g' cannot be stored on card 'A001': 'Clips/f' is already a file there, and a name on a card is either a file or a folder.");
        (await StoredSize("Clips/f/g")).ShouldBeNull();
        (await StoredSize("Clips/f")).ShouldBe(3);
    }

    [Test]
    public async Task OpenUpload_OfAFileWhereAFolderIsStored_Returns409NamingBothAndOpensNoSession()
    {
        (await Upload("h/i", "one")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var rowsBefore = await CatalogRows(_api);

        var response = await OpenUpload(_client, "Demo", "A001", "h", 3, CardRegistrationTests.Xxh64Of("two"));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Detail(response)).ShouldBe("'h' cannot be stored on card 'A001': it is already a folder there (holding 'h/i'), and a name on a card is either a file or a folder.");
        (await CatalogRows(_api)).ShouldBe(rowsBefore, "no session was opened");
        (await StoredSize("h")).ShouldBeNull();
    }

    [Test]
    public async Task Register_AManifestListingAFileAndAFileInsideIt_Returns400NamingBothAndRegistersNothing()
    {
        var manifest = Manifest("Demo", "A001", ("f", 3, CardRegistrationTests.Xxh64Of("one")), ("f/g", 3, CardRegistrationTests.Xxh64Of("two")));

        var response = await _client.PostAsJsonAsync("/api/cards", manifest);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("errors").GetProperty("files[1].path")[0].GetString()
            .ShouldBe("'f/g' needs 'f' to be a folder, but 'f' is listed as a file too; a name on a card is either a file or a folder.");
        (await CatalogRows(_api)).ShouldBe(0);
    }

    [Test]
    public async Task Upload_OfAFileInsideARegisteredFileOfTheCard_Returns409AndTheCardIsUnchanged()
    {
        (await Upload("f", "one")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var card = await _client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("f", 3, CardRegistrationTests.Xxh64Of("one"))));
        card.StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await OpenUpload(_client, "Demo", "A001", "f/g", 3, CardRegistrationTests.Xxh64Of("two"));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Detail(response)).ShouldContain("'f' is already a file there");
        var stored = await _client.GetFromJsonAsync<JsonElement>(card.Headers.Location!);
        stored.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ShouldBe(["f"]);
    }

    [Test]
    public async Task Complete_WhenAnotherWriterStoredAFileInsideItsNameMeanwhile_Returns409AndRemovesItsParts()
    {
        if (provider == StorageProvider.S3)
        {
            Assert.Ignore("S3 keys are not folders: the store takes both, and only the catalog (tested above) keeps them apart.");
        }
        var opened = await OpenUpload(_client, "Demo", "A001", "h", 3, CardRegistrationTests.Xxh64Of("one"));
        var session = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var id = session.GetProperty("id").GetGuid();
        (await SendPart(_client, session, 1, Encoding.UTF8.GetBytes("one"))).IsSuccessStatusCode.ShouldBeTrue();
        // Written past the API (another tool, an earlier version): the store itself now holds h/i.
        await using (var other = new MemoryStream(Encoding.UTF8.GetBytes("two")))
        {
            await _api.Services.GetRequiredService<IObjectStore>().PutAsync("projects/Demo/cards/A001/h/i", other, null, CancellationToken.None);
        }

        var response = await _client.PostAsync($"/api/uploads/{id}/complete", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Detail(response)).ShouldBe("'h' cannot be stored on card 'A001': it is already a folder there (holding 'h/i'), and a name on a card is either a file or a folder. The upload was closed and its parts removed.");
        (await _client.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}")).GetProperty("status").GetString().ShouldBe(UploadStatuses.Failed);
        StoredFiles(_api).ShouldBe(["projects/Demo/cards/A001/h/i"], "the staged part is gone and nothing else was written");
    }

    private Task<HttpResponseMessage> Upload(string path, string text) =>
        CardRegistrationTests.Upload(_client, "Demo", "A001", path, Encoding.UTF8.GetBytes(text));

    private Task<long?> StoredSize(string path) =>
        _api.Services.GetRequiredService<IObjectStore>().GetSizeAsync($"projects/Demo/cards/A001/{path}", CancellationToken.None);
}
