using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mam.Catalog;
using Mam.Integrity.Hashing;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api;

[TestFixture]
public sealed class CardRegistrationTests
{
    private MamApiFactory _api = null!;

    [SetUp]
    public void StartApi() => _api = new MamApiFactory();

    [TearDown]
    public void StopApi() => _api.Dispose();

    [Test]
    public async Task Register_WithoutSigningIn_Returns401ProblemAndWritesNothing()
    {
        using var client = _api.CreateAnonymous();

        var response = await client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("a.mov", 3, "0123456789abcdef")));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Problem(response)).GetProperty("type").GetString().ShouldBe("urn:mam:problem:sign-in-required");
        (await RowsWritten()).ShouldBe(0);
    }

    [TestCase("{")]
    [TestCase("[1,2,3]")]
    [TestCase("{\"project\": 12}")]
    [TestCase("not json at all")]
    public async Task Register_WithMalformedJson_Returns400ProblemAndWritesNothing(string body)
    {
        using var client = _api.CreateWriter();

        var response = await client.PostAsync("/api/cards", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain("not a valid card manifest");
        (await RowsWritten()).ShouldBe(0);
    }

    [Test]
    public async Task Register_WithOversizedBody_Returns413ProblemAndWritesNothing()
    {
        using var client = _api.CreateWriter();
        var body = new byte[65 * 1024 * 1024];
        Array.Fill(body, (byte)' ');

        var response = await client.PostAsync("/api/cards", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await Problem(response)).GetProperty("type").GetString().ShouldBe("urn:mam:problem:too-large");
        (await RowsWritten()).ShouldBe(0);
    }

    [Test]
    public async Task Register_WithHostilePathsAndBadHashes_ListsEveryErrorAndWritesNothing()
    {
        using var client = _api.CreateWriter();
        var manifest = Manifest("Demo", "../etc",
            ("../../passwd", 1, "0123456789abcdef"),
            ("/absolute.mov", 1, "0123456789abcdef"),
            ("ok.mov", 1, "not-a-hash"),
            ("twice.mov", 1, "0123456789abcdef"),
            ("twice.mov", 1, "0123456789abcdef"),
            ("bad\u0001name.mov", 1, "0123456789abcdef"));

        var response = await client.PostAsJsonAsync("/api/cards", manifest);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problem(response)).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldBe(["name", "files[0].path", "files[1].path", "files[2].hashes", "files[4].path", "files[5].path"], ignoreOrder: true);
        (await RowsWritten()).ShouldBe(0);
    }

    [Test]
    public async Task Register_BeforeFilesAreUploaded_Returns422AndWritesNothing()
    {
        using var client = _api.CreateWriter();

        var response = await client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001R1AB", ("Clips/A001C001.mov", 3, "0123456789abcdef")));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain("Clips/A001C001.mov");
        (await RowsWritten()).ShouldBe(0);
    }

    [Test]
    public async Task Upload_WhenBytesDoNotMatchTheSendersHash_Returns422AndStoresNothing()
    {
        using var client = _api.CreateWriter();
        var content = new ByteArrayContent("hello"u8.ToArray());
        content.Headers.Add("X-Content-XXH64", "0000000000000000");

        var response = await client.PutAsync("/api/cards/Demo/A001R1AB/files/Clips/a.mov", content);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Problem(response)).GetProperty("type").GetString().ShouldBe("urn:mam:problem:hash-mismatch");
        Directory.EnumerateFiles(Path.Combine(_api.DataDirectory, "objects"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Test]
    public async Task UploadThenRegister_WithUnicodeAndSpaces_CataloguesClipsSidecarsAndStartsThePipeline()
    {
        using var client = _api.CreateWriter();
        var files = new[] { ("Clips/Take 2 – café.mov", "not really a movie"), ("Clips/Take 2 – café.xml", "<clip/>"), ("card.xml", "<card/>") };
        foreach (var (path, text) in files)
        {
            var response = await Upload(client, "Demo", "A001R1AB", path, Encoding.UTF8.GetBytes(text));
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var register = await client.PostAsJsonAsync("/api/cards",
            Manifest("Demo", "A001R1AB", files.Select(f => (f.Item1, (long)Encoding.UTF8.GetByteCount(f.Item2), Xxh64Of(f.Item2))).ToArray()));

        register.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await register.Content.ReadFromJsonAsync<JsonElement>();
        var assets = body.GetProperty("assets").EnumerateArray().ToList();
        assets.Count.ShouldBe(1);
        assets[0].GetProperty("clipName").GetString().ShouldBe("Take 2 – café");

        var card = await client.GetFromJsonAsync<JsonElement>(register.Headers.Location!);
        var roles = card.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("role").GetString());
        roles["Clips/Take 2 – café.mov"].ShouldBe("Clip");
        roles["Clips/Take 2 – café.xml"].ShouldBe("Sidecar");
        roles["card.xml"].ShouldBe("Other");
        File.Exists(Path.Combine(_api.DataDirectory, "objects", "projects", "Demo", "cards", "A001R1AB", "Clips", "Take 2 – café.mov")).ShouldBeTrue();
    }

    [Test]
    public async Task Register_ARedClipSpannedOverThreeFiles_IsOneAssetWithItsSpansAndSidecarLinked()
    {
        // The agent's report and the server read a card with the same rule: one RED clip, one asset.
        using var client = _api.CreateWriter();
        var files = new[]
        {
            ("A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_001.R3D", "span one"),
            ("A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_002.R3D", "span two"),
            ("A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_003.R3D", "span three"),
            ("A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB.RMD", "<rmd/>"),
        };
        foreach (var (path, text) in files)
        {
            (await Upload(client, "Demo", "A004", path, Encoding.UTF8.GetBytes(text))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var register = await client.PostAsJsonAsync("/api/cards",
            Manifest("Demo", "A004", files.Select(f => (f.Item1, (long)Encoding.UTF8.GetByteCount(f.Item2), Xxh64Of(f.Item2))).ToArray()));

        register.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await register.Content.ReadFromJsonAsync<JsonElement>();
        var asset = body.GetProperty("assets").EnumerateArray().ShouldHaveSingleItem();
        asset.GetProperty("clipName").GetString().ShouldBe("A004_C001_0101AB");
        var card = await client.GetFromJsonAsync<JsonElement>(register.Headers.Location!);
        var byPath = card.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f);
        byPath[files[0].Item1].GetProperty("role").GetString().ShouldBe("Clip");
        byPath[files[1].Item1].GetProperty("role").GetString().ShouldBe("Part");
        byPath[files[3].Item1].GetProperty("role").GetString().ShouldBe("Sidecar");
        byPath.Values.ShouldAllBe(f => f.GetProperty("assetId").GetString() == asset.GetProperty("id").GetString());
    }

    [Test]
    public async Task Register_SameCardTwice_IsIdempotentButADifferentCardWithThatNameIsRefused()
    {
        using var client = _api.CreateWriter();
        (await Upload(client, "Demo", "A001", "a.txt", "one"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);
        var manifest = Manifest("Demo", "A001", ("a.txt", 3, Xxh64Of("one")));

        var first = await client.PostAsJsonAsync("/api/cards", manifest);
        var again = await client.PostAsJsonAsync("/api/cards", manifest);
        (await Upload(client, "Demo", "A001", "b.txt", "two"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);
        var different = await client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("b.txt", 3, Xxh64Of("two"))));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetGuid()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetGuid());
        different.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RowsWritten()).ShouldBe(3, "one project, one card, one file");
    }

    [Test]
    public async Task Register_ManyCardsOfANewProjectAtOnce_RegistersEveryCard()
    {
        using var client = _api.CreateWriter();
        var cards = Enumerable.Range(1, 8).Select(i => $"A{i:D3}R1AB").ToList();
        foreach (var card in cards)
        {
            (await Upload(client, "Brand New", card, "a.txt", "one"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var responses = await Task.WhenAll(cards.Select(card => client.PostAsJsonAsync("/api/cards", Manifest("Brand New", card, ("a.txt", 3, Xxh64Of("one"))))));

        responses.Select(r => r.StatusCode).ShouldAllBe(code => code == HttpStatusCode.Created);
        (await RowsWritten()).ShouldBe(1 + 8 + 8, "one project, eight cards, eight files");
    }

    [Test]
    public async Task Upload_OverARegisteredOriginalWithDifferentBytes_IsRefused()
    {
        using var client = _api.CreateWriter();
        (await Upload(client, "Demo", "A001", "a.txt", "one"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/cards", Manifest("Demo", "A001", ("a.txt", 3, Xxh64Of("one"))))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var overwrite = await Upload(client, "Demo", "A001", "a.txt", "two"u8.ToArray());

        overwrite.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await File.ReadAllTextAsync(Path.Combine(_api.DataDirectory, "objects", "projects", "Demo", "cards", "A001", "a.txt"))).ShouldBe("one");
    }

    internal static async Task<HttpResponseMessage> Upload(HttpClient client, string project, string card, string path, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.Add("X-Content-XXH64", Xxh64Of(bytes));
        var url = $"/api/cards/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(card)}/files/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";
        return await client.PutAsync(url, content);
    }

    internal static string Xxh64Of(string text) => Xxh64Of(Encoding.UTF8.GetBytes(text));

    internal static string Xxh64Of(byte[] bytes)
    {
        using var hasher = Xxh64.CreateHasher();
        hasher.Append(bytes);
        return hasher.GetHashText();
    }

    private static object Manifest(string project, string card, params (string Path, long Size, string Xxh64)[] files) => new
    {
        project,
        name = card,
        dit = "Test DIT",
        offloadedAt = DateTimeOffset.UtcNow,
        files = files.Select(f => new { path = f.Path, size = f.Size, hashes = new Dictionary<string, string> { ["xxh64"] = f.Xxh64 } }),
    };

    private static async Task<JsonElement> Problem(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Projects, cards and files in the catalog: all zero after a refused registration.</summary>
    private async Task<int> RowsWritten()
    {
        var factory = _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Cards.CountAsync() + await db.CardFiles.CountAsync() + await db.Projects.CountAsync();
    }
}
