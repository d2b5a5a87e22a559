using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Contracts.Uploads;
using Mam.Integrity.Hashing;
using Mam.Tests.Support;
using static Mam.Tests.Api.ProbeSupport;

namespace Mam.Tests.Api;

[TestFixture]
public sealed class UploadSessionTests
{
    private const int MiB = 1024 * 1024;
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void StartApi()
    {
        _api = new MamApiFactory(settings: new Dictionary<string, string> { ["Storage:PartSizeMiB"] = "1" });
        _client = _api.CreateWriter();
    }

    [TearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Upload_InPartsOutOfOrderAndResumed_StoresTheVerifiedFile()
    {
        var file = RandomBytes(2 * MiB + 123);
        var first = await Open("Clips/A001C001.mov", file);
        first.GetProperty("parts").GetArrayLength().ShouldBe(3);
        first.GetProperty("status").GetString().ShouldBe(UploadStatuses.Open);

        (await SendPart(first, 3, file)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SendPart(first, 1, file)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // The agent was killed here; on restart it opens the same upload again and sees what arrived.
        var resumed = await Open("Clips/A001C001.mov", file);
        resumed.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        resumed.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("received").GetBoolean()).ShouldBe([true, false, true]);
        (await SendPart(resumed, 2, file)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var complete = await _client.PostAsync($"/api/uploads/{resumed.GetProperty("id").GetGuid()}/complete", null);

        complete.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await complete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("xxh64").GetString().ShouldBe(Xxh64.HashHex(file));
        (await File.ReadAllBytesAsync(StoredPath("Clips/A001C001.mov"))).ShouldBe(file);
        (await Open("Clips/A001C001.mov", file)).GetProperty("status").GetString().ShouldBe(UploadStatuses.Complete, "nothing left to send");
    }

    [Test]
    public async Task Part_WithBytesThatDoNotMatchItsHash_IsRefusedAndNotCountedAsReceived()
    {
        var file = RandomBytes(MiB + 10);
        var session = await Open("a.mov", file);
        var part = new ByteArrayContent(file[..MiB]);
        part.Headers.Add("X-Content-XXH64", "0000000000000000");

        var response = await _client.PutAsync(Url(session, 1), part);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var state = await _client.GetFromJsonAsync<JsonElement>($"/api/uploads/{session.GetProperty("id").GetGuid()}");
        state.GetProperty("parts")[0].GetProperty("received").GetBoolean().ShouldBeFalse();
    }

    [Test]
    public async Task PartTarget_OnTheFolderStore_IsTheApi_WithNoHeaders_AndAHashThatIsNotHex_OrAPartOutOfRange_IsRefusedWithTheWords()
    {
        var file = RandomBytes(MiB + 10);
        var session = await Open("a.mov", file);
        var id = session.GetProperty("id").GetGuid();
        session.GetProperty("parts")[0].TryGetProperty("checksum", out var checksum).ShouldBeTrue();
        checksum.ValueKind.ShouldBe(JsonValueKind.Null, "the folder store checks no part checksums of its own");

        var target = await _client.PostAsJsonAsync($"/api/uploads/{id}/parts/1/target", new { xxh64 = Xxh64.HashHex(file.AsSpan(0, MiB)) });
        var notHex = await _client.PostAsJsonAsync($"/api/uploads/{id}/parts/1/target", new { xxh64 = "not-a-hash" });
        var outOfRange = await _client.PostAsJsonAsync($"/api/uploads/{id}/parts/9/target", new { xxh64 = Xxh64.HashHex(file.AsSpan(0, MiB)) });

        target.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await target.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("url").GetString().ShouldBe($"/api/uploads/{id}/parts/1");
        view.GetProperty("headers").EnumerateObject().ShouldBeEmpty();
        notHex.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(notHex)).ShouldContain("16 hexadecimal digits");
        outOfRange.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Detail(outOfRange)).ShouldContain("run from 1 to 2");
    }

    [Test]
    public async Task Complete_WithAPartMissing_SaysWhichAndStoresNothing()
    {
        var file = RandomBytes(2 * MiB + 1);
        var session = await Open("a.mov", file);
        await SendPart(session, 1, file);
        await SendPart(session, 3, file);

        var response = await _client.PostAsync($"/api/uploads/{session.GetProperty("id").GetGuid()}/complete", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Parts 2 of 3");
        File.Exists(StoredPath("a.mov")).ShouldBeFalse();
    }

    [Test]
    public async Task Complete_WhenTheWholeFileDoesNotMatchTheDeclaredHash_StoresNothingAndKeepsTheOldObject()
    {
        var good = RandomBytes(MiB / 2);
        await CompleteUpload("a.mov", good);
        var other = RandomBytes(MiB / 2);

        // Parts each verify, but the file declared at open is not the one sent (a mixed-up source).
        var session = await Open("a.mov", other, declared: RandomBytes(MiB / 2));
        await SendPart(session, 1, other);
        var response = await _client.PostAsync($"/api/uploads/{session.GetProperty("id").GetGuid()}/complete", null);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await File.ReadAllBytesAsync(StoredPath("a.mov"))).ShouldBe(good);
        (await _client.GetFromJsonAsync<JsonElement>($"/api/uploads/{session.GetProperty("id").GetGuid()}"))
            .GetProperty("status").GetString().ShouldBe(UploadStatuses.Failed);
    }

    [Test]
    public async Task Open_ForARegisteredOriginalWithDifferentBytes_IsRefusedAndTheOriginalKept()
    {
        var original = RandomBytes(1000);
        await CompleteUpload("a.mov", original);
        (await _client.PostAsJsonAsync("/api/cards", new
        {
            project = "Demo",
            name = "A001",
            files = new[] { new { path = "a.mov", size = original.Length, hashes = new Dictionary<string, string> { ["xxh64"] = Xxh64.HashHex(original) } } },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var other = RandomBytes(1000);
        var response = await _client.PostAsJsonAsync("/api/uploads", new { project = "Demo", card = "A001", path = "a.mov", size = other.Length, xxh64 = Xxh64.HashHex(other) });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await File.ReadAllBytesAsync(StoredPath("a.mov"))).ShouldBe(original);
    }

    [Test]
    public async Task Open_WithAHostilePath_IsRefused()
    {
        var response = await _client.PostAsJsonAsync("/api/uploads", new { project = "Demo", card = "A001", path = "../../etc/passwd", size = 1, xxh64 = "0123456789abcdef" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task CompleteUpload(string path, byte[] file)
    {
        var session = await Open(path, file);
        await SendPart(session, 1, file);
        (await _client.PostAsync($"/api/uploads/{session.GetProperty("id").GetGuid()}/complete", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<JsonElement> Open(string path, byte[] file, byte[]? declared = null)
    {
        var response = await _client.PostAsJsonAsync("/api/uploads", new { project = "Demo", card = "A001", path, size = file.Length, xxh64 = Xxh64.HashHex(declared ?? file) });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> SendPart(JsonElement session, int number, byte[] file) =>
        ProbeSupport.SendPart(_client, session, number, file);

    private static string Url(JsonElement session, int number) =>
        session.GetProperty("parts")[number - 1].GetProperty("url").GetString()!;

    private string StoredPath(string path) => Path.Combine(_api.DataDirectory, "objects", "projects", "Demo", "cards", "A001", path);
}
