using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities;
using Mam.Contracts.Uploads;
using Mam.Tests.Support;
using static Mam.Tests.Api.ProbeSupport;

namespace Mam.Tests.Api;

/// <summary>Filesystems take a file or folder name of at most 255 bytes, and "é" is two of them: names are
/// counted in UTF-8 bytes, so a name that fits in characters but not in bytes is refused up front — never a
/// 500 from the disk, never a session left open with its parts staged.</summary>
[TestFixture]
public sealed class NameLengthTests
{
    /// <summary>132 characters, 260 bytes.</summary>
    private static readonly string LongName = new string('é', 128) + ".mov";

    private MamApiFactory _api = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApi()
    {
        _api = new MamApiFactory();
        _client = _api.CreateWriter();
    }

    [TearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Upload_OfAFileNameOver255Bytes_Returns400NamingTheNameAndStoresNothing()
    {
        var response = await CardRegistrationTests.Upload(_client, "Demo", "A001", $"Clips/{LongName}", "abc"u8.ToArray());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(response)).ShouldContain("is 260 bytes long in UTF-8, and a file or folder name may be at most 255 bytes");
        StoredFiles(_api).ShouldBeEmpty();
        (await CatalogRows(_api)).ShouldBe(0);
    }

    [Test]
    public async Task OpenUpload_OfAFileNameOver255Bytes_Returns400AndOpensNoSession()
    {
        var response = await OpenUpload(_client, "Demo", "A001", $"Clips/{LongName}", 3, CardRegistrationTests.Xxh64Of("abc"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(response)).ShouldContain("260 bytes");
        StoredFiles(_api).ShouldBeEmpty();
        Directory.Exists(Path.Combine(_api.DataDirectory, "objects", ".multipart")).ShouldBeFalse("no staging folder was made");
        (await CatalogRows(_api)).ShouldBe(0);
    }

    [Test]
    public async Task Register_WithAProjectNameOver255Bytes_Returns400ForThatFieldAndCreatesNoProject()
    {
        var project = new string('日', 90); // 90 characters (under 128), 270 bytes

        var response = await _client.PostAsJsonAsync("/api/cards", Manifest(project, "A001", ("a.mov", 3, CardRegistrationTests.Xxh64Of("abc"))));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problem(response)).GetProperty("errors");
        errors.GetProperty("project")[0].GetString()!.ShouldContain("270 bytes long in UTF-8, and a name may be at most 255 bytes");
        (await CatalogRows(_api)).ShouldBe(0);
    }

    [Test]
    public async Task Register_WithAFolderNameOver255Bytes_Returns400ForThatFile()
    {
        var response = await _client.PostAsJsonAsync("/api/cards",
            Manifest("Demo", "A001", ("ok.mov", 3, CardRegistrationTests.Xxh64Of("abc")), ($"{LongName}/inside.mov", 3, CardRegistrationTests.Xxh64Of("abc"))));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("errors").GetProperty("files[1].path")[0].GetString()!.ShouldContain("260 bytes");
        (await CatalogRows(_api)).ShouldBe(0);
    }

    [Test]
    public async Task Complete_OfASessionOpenedBeforeNamesWereCountedInBytes_FailsItAndRemovesItsParts()
    {
        // A session an earlier version opened for a name the disk cannot take, with its one part staged.
        var id = Guid.NewGuid();
        var storeUpload = Guid.NewGuid().ToString("N");
        var staging = Path.Combine(_api.DataDirectory, "objects", ".multipart", storeUpload);
        Directory.CreateDirectory(staging);
        await File.WriteAllTextAsync(Path.Combine(staging, "000001.part"), "abc");
        await InCatalog(_api, async db =>
        {
            db.UploadSessions.Add(new UploadSession
            {
                Id = id, Project = "Demo", Card = "A001", RelativePath = LongName, StorageKey = $"projects/Demo/cards/A001/{LongName}",
                Size = 3, Xxh64 = CardRegistrationTests.Xxh64Of("abc"), StoreUploadId = storeUpload, PartSize = 1024 * 1024,
                Status = UploadStatus.Open, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var response = await _client.PostAsync($"/api/uploads/{id}/complete", null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = await Detail(response);
        detail.ShouldContain("260 bytes");
        detail.ShouldContain("The upload was closed and its parts removed.");
        Directory.Exists(staging).ShouldBeFalse("the staged parts were removed");
        (await _client.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}")).GetProperty("status").GetString().ShouldBe(UploadStatuses.Failed);
        StoredFiles(_api).ShouldBeEmpty();
    }
}
