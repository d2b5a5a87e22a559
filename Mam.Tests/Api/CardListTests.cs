using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;

namespace Mam.Tests.Api;

/// <summary>GET /api/cards: the cards of the projects the caller may read, newest offload first, paged;
/// on both catalogs (the counts and sums are SQL).</summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class CardListTests(string catalog)
{
    private const string Alpha = "Alpha Film";
    private const string Beta = "Beta Film";
    private MamApiFactory _api = null!;
    private HttpClient _admin = null!;
    private HttpClient _alphaViewer = null!;

    [OneTimeSetUp]
    public async Task ThreeCardsInTwoProjects()
    {
        var settings = new Dictionary<string, string>();
        if (catalog == "Postgres")
        {
            TestServers.Require();
            settings["Catalog:Provider"] = "Postgres";
            settings["Catalog:ConnectionString"] = await TestServers.CreateDatabaseAsync();
        }
        _api = new MamApiFactory(settings: settings);
        await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(Alpha, "A001R1AB", "A001C001", "A", null, [], []));
        await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(Beta, "B001R1CD", "B001C001", "B", null, [], []));
        await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(Alpha, "A002R1AB", "A002C001", "A", null, [], []));
        _admin = _api.CreateWriter();
        _alphaViewer = _api.WithToken(await _api.PersonTokenAsync("alpha-viewer", (Alpha, ProjectRole.Viewer)));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _alphaViewer.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Cards_ForAPersonOfOneProject_ListOnlyThatProjectsCardsNewestFirstWithTheirCounts()
    {
        var page = await _alphaViewer.GetFromJsonAsync<JsonElement>("/api/cards");

        page.GetProperty("total").GetInt32().ShouldBe(2);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("name").GetString()).ShouldBe(["A002R1AB", "A001R1AB"]);
        items.ShouldAllBe(i => i.GetProperty("project").GetString() == Alpha);
        items[0].GetProperty("files").GetInt32().ShouldBe(1);
        items[0].GetProperty("clips").GetInt32().ShouldBe(1);
        items[0].GetProperty("camera").GetString().ShouldBe("A");
        var card = await _alphaViewer.GetFromJsonAsync<JsonElement>(items[0].GetProperty("url").GetString());
        card.GetProperty("name").GetString().ShouldBe("A002R1AB");
    }

    [Test]
    public async Task Cards_OfAProjectTheCallerMayNotRead_AreAnEmptyList()
    {
        var page = await _alphaViewer.GetFromJsonAsync<JsonElement>($"/api/cards?project={Uri.EscapeDataString(Beta)}");

        page.GetProperty("total").GetInt32().ShouldBe(0);
        page.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task Cards_ForTheServerAdministrator_FilterByProjectAndPage()
    {
        (await _admin.GetFromJsonAsync<JsonElement>("/api/cards")).GetProperty("total").GetInt32().ShouldBe(3);

        var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/cards?project={Uri.EscapeDataString(Alpha)}&skip=1&take=1");

        page.GetProperty("total").GetInt32().ShouldBe(2);
        (page.GetProperty("skip").GetInt32(), page.GetProperty("take").GetInt32()).ShouldBe((1, 1));
        page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe("A001R1AB");
    }

    [TestCase("take=0")]
    [TestCase("take=501")]
    [TestCase("skip=-1")]
    public async Task Cards_WithAPageOutsideTheAllowedRange_AreRefusedNamingTheRange(string query)
    {
        var response = await _admin.GetAsync($"/api/cards?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(query.StartsWith("skip", StringComparison.Ordinal) ? "skip 0 or more" : "take must be between 1 and 500");
    }
}
