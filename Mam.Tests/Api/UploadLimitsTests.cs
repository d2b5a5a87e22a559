using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Contracts;
using Mam.Contracts.Uploads;
using Mam.Integrity.Hashing;
using Mam.Tests.Storage;
using Mam.Tests.Support;
using Mam.Workers.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mam.Tests.Api.ProbeSupport;

namespace Mam.Tests.Api;

/// <summary>Upload sessions have bounds: a size over 5 TiB is refused (2^55 made the part count overflow), a
/// large file's parts are listed a page at a time (16 TiB once answered 128 MB of JSON), and a session
/// nobody uses any more is expired with its staged parts removed.</summary>
[TestFixture]
public sealed class UploadLimitsTests
{
    private const int MiB = 1024 * 1024;
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;

    [TearDown]
    public void StopApi()
    {
        _client?.Dispose();
        _api?.Dispose();
    }

    [TestCase(36028797018963968L, TestName = "Open_WithSize2To55_Returns400AndOpensNothing")]
    [TestCase(17592186044416L, TestName = "Open_WithSize16TiB_Returns400AndOpensNothing")]
    [TestCase(-1L, TestName = "Open_WithANegativeSize_Returns400AndOpensNothing")]
    public async Task Open_WithASizeOutsideTheLimit_Returns400AndOpensNothing(long size)
    {
        Start();

        var response = await OpenUpload(_client, "Demo", "A001", "huge.mov", size, "0123456789abcdef");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(response)).ShouldContain("size must be from 0 to 5497558138880 bytes (5 TiB");
        (await CatalogRows(_api)).ShouldBe(0);
        Directory.Exists(Path.Combine(_api.DataDirectory, "objects", ".multipart")).ShouldBeFalse("no parts were staged");
    }

    [Test]
    public async Task Open_OfA5TiBFile_ListsItsPartsAThousandAPageWithALinkToTheNext()
    {
        Start();

        var response = await OpenUpload(_client, "Demo", "A001", "huge.mov", Limits.MaxFileSize, "0123456789abcdef");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadAsStringAsync();
        body.Length.ShouldBeLessThan(200_000, "one page, not 327,680 parts");
        var first = JsonDocument.Parse(body).RootElement;
        var id = first.GetProperty("id").GetGuid();
        first.GetProperty("partCount").GetInt32().ShouldBe(327_680, "5 TiB in parts of 16 MiB");
        first.GetProperty("parts").GetArrayLength().ShouldBe(1000);
        first.GetProperty("nextParts").GetString().ShouldBe($"/api/uploads/{id}?firstPart=1001");

        var second = await _client.GetFromJsonAsync<JsonElement>(first.GetProperty("nextParts").GetString());
        second.GetProperty("parts")[0].GetProperty("number").GetInt32().ShouldBe(1001);
        second.GetProperty("parts")[0].GetProperty("url").GetString().ShouldBe($"/api/uploads/{id}/parts/1001");
        var last = await _client.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}?firstPart=327001");
        last.GetProperty("parts").GetArrayLength().ShouldBe(680);
        last.GetProperty("nextParts").ValueKind.ShouldBe(JsonValueKind.Null);
        var beyond = await _client.GetAsync($"/api/uploads/{id}?firstPart=327681");
        beyond.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(beyond)).ShouldBe("firstPart must be from 1 to 327680, the parts of this upload.");
    }

    [Test]
    public async Task Open_OfA5TiBFileOnS3_UsesPartsLargeEnoughForS3sTenThousandPartLimit()
    {
        S3TestServer.IgnoreUnlessStarted();
        var s3 = S3TestServer.Options(S3TestServer.NewBucketName("limits"));
        Start(new()
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = s3.ServiceUrl!,
            ["Storage:S3:Region"] = s3.Region,
            ["Storage:S3:AccessKey"] = s3.AccessKey,
            ["Storage:S3:SecretKey"] = s3.SecretKey,
            ["Storage:S3:Bucket"] = s3.Bucket,
        });

        var response = await OpenUpload(_client, "Demo", "A001", "huge.mov", Limits.MaxFileSize, "0123456789abcdef");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("partCount").GetInt32().ShouldBeLessThanOrEqualTo(10_000);
        (view.GetProperty("partSize").GetInt64() * view.GetProperty("partCount").GetInt32()).ShouldBeGreaterThanOrEqualTo(Limits.MaxFileSize);
        view.GetProperty("parts")[999].GetProperty("url").GetString()!.ShouldStartWith(S3TestServer.Endpoint, Case.Insensitive);
    }

    [Test]
    public async Task Sweep_ExpiresSessionsUnusedForExpireAfterRemovesTheirPartsAndSparesOnesInUse()
    {
        Start(new() { ["Storage:PartSizeMiB"] = "1" });
        var abandonedFile = RandomBytes(2 * MiB + 1);
        var abandoned = await Open("abandoned.mov", abandonedFile);
        (await SendPart(_client, abandoned, 1, abandonedFile)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var resumed = await Open("resumed.mov", RandomBytes(MiB));
        await Backdate(TimeSpan.FromDays(8));
        // The agent comes back for this one: asking for its parts marks it in use.
        (await _client.GetAsync($"/api/uploads/{Id(resumed)}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        int expired;
        using (var scope = _api.Services.CreateScope())
        {
            expired = await scope.ServiceProvider.GetRequiredService<AbandonedUploads>().ExpireAsync(CancellationToken.None);
        }

        expired.ShouldBe(1);
        Directory.Exists(await StagingFolder(Id(abandoned))).ShouldBeFalse("the abandoned session's parts were removed");
        Directory.Exists(await StagingFolder(Id(resumed))).ShouldBeTrue();
        (await _client.GetFromJsonAsync<JsonElement>($"/api/uploads/{Id(abandoned)}")).GetProperty("status").GetString().ShouldBe(UploadStatuses.Expired);
        var late = await SendPart(_client, abandoned, 2, abandonedFile);
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Detail(late)).ShouldBe($"Upload {Id(abandoned)} expired unused and its parts were removed; open a new session to send the file.");
        var again = await Open("abandoned.mov", abandonedFile);
        Id(again).ShouldNotBe(Id(abandoned), "a new session, from the first part");
        again.GetProperty("parts").EnumerateArray().ShouldAllBe(p => !p.GetProperty("received").GetBoolean());
    }

    private void Start(Dictionary<string, string>? settings = null)
    {
        _api = new MamApiFactory(settings: settings);
        _client = _api.CreateWriter();
    }

    private async Task<JsonElement> Open(string path, byte[] file)
    {
        var response = await OpenUpload(_client, "Demo", "A001", path, file.Length, Xxh64.HashHex(file));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<int> Backdate(TimeSpan age) =>
        InCatalog(_api, db => db.UploadSessions.ExecuteUpdateAsync(u => u.SetProperty(x => x.UpdatedAt, DateTime.UtcNow - age)));

    private async Task<string> StagingFolder(Guid id)
    {
        var storeUpload = await InCatalog(_api, db => db.UploadSessions.Where(u => u.Id == id).Select(u => u.StoreUploadId).SingleAsync());
        return Path.Combine(_api.DataDirectory, "objects", ".multipart", storeUpload);
    }

    private static Guid Id(JsonElement session) => session.GetProperty("id").GetGuid();
}
