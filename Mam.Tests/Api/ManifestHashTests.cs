using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mam.Tests.Support;
using static Mam.Tests.Api.ProbeSupport;

namespace Mam.Tests.Api;

/// <summary>A file counts as stored only with the hash its verified upload proved: a manifest cannot make the
/// catalog record another (which then also locked the true bytes out with a 409).</summary>
[TestFixture]
public sealed class ManifestHashTests
{
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
    public async Task Register_WithAHashTheUploadDidNotProve_Returns422AndTheTrueBytesStayUploadableAndRegistrable()
    {
        var bytes = Encoding.UTF8.GetBytes("hello");
        var proven = CardRegistrationTests.Xxh64Of(bytes);
        (await CardRegistrationTests.Upload(_client, "Demo", "A001", "a.txt", bytes)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var forged = await _client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("a.txt", 5, "deadbeefdeadbeef")));

        forged.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await Problem(forged);
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:unproven-hash");
        problem.GetProperty("detail").GetString()!.ShouldStartWith(
            $"'a.txt' was uploaded and verified as xxh64 {proven}, but the manifest lists deadbeefdeadbeef; nothing was registered.");
        (await RegisteredRows(_api)).ShouldBe(0);

        (await CardRegistrationTests.Upload(_client, "Demo", "A001", "a.txt", bytes)).StatusCode.ShouldBe(HttpStatusCode.Created, "the true bytes are not locked out");
        var registered = await _client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("a.txt", 5, proven)));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var card = await _client.GetFromJsonAsync<JsonElement>(registered.Headers.Location!);
        card.GetProperty("files")[0].GetProperty("xxh64").GetString().ShouldBe(proven);
    }

    [Test]
    public async Task Register_AfterTheFileWasUploadedAgainWithOtherBytes_GoesByTheLastVerifiedUpload()
    {
        (await CardRegistrationTests.Upload(_client, "Demo", "A001", "a.txt", "one"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CardRegistrationTests.Upload(_client, "Demo", "A001", "a.txt", "two"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);

        var stale = await _client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("a.txt", 3, CardRegistrationTests.Xxh64Of("one"))));
        var current = await _client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("a.txt", 3, CardRegistrationTests.Xxh64Of("two"))));

        stale.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Detail(stale)).ShouldContain($"verified as xxh64 {CardRegistrationTests.Xxh64Of("two")}");
        current.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task Register_OfAFileCompletedThroughAnUploadSession_TakesTheSessionsVerifiedHash()
    {
        var bytes = Encoding.UTF8.GetBytes("in parts");
        var proven = CardRegistrationTests.Xxh64Of(bytes);
        var session = await (await OpenUpload(_client, "Demo", "A001", "b.txt", bytes.Length, proven)).Content.ReadFromJsonAsync<JsonElement>();
        using (var part = new ByteArrayContent(bytes))
        {
            part.Headers.Add("X-Content-XXH64", proven);
            (await _client.PutAsync(session.GetProperty("parts")[0].GetProperty("url").GetString(), part)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        (await _client.PostAsync($"/api/uploads/{session.GetProperty("id").GetGuid()}/complete", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var forged = await _client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("b.txt", bytes.Length, "0000000000000000")));
        var registered = await _client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("b.txt", bytes.Length, proven)));

        forged.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
