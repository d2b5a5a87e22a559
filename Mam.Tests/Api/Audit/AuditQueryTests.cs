using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Audit;

/// <summary>Reading the trail back: by project, person, clip, action, result and time, a page at a
/// time, and as CSV for a spreadsheet.</summary>
[TestFixture]
public sealed class AuditQueryTests
{
    private MamApiFactory _api = null!;
    private HttpClient _admin = null!;
    private Guid _harbourClip;
    private Guid _desertClip;

    [OneTimeSetUp]
    public async Task APersonWhoSearchedBothProjectsAndViewedAClip()
    {
        _api = new MamApiFactory(realSocket: true);
        _admin = _api.CreateWriter();
        _harbourClip = await AuditedClips.AddWithProxyAsync(_api.Services, "Harbour Film", "A001C001", 1024);
        _desertClip = await AuditedClips.AddWithProxyAsync(_api.Services, "Desert Film", "D001C001", 1024);
        using var filtered = await PersonAsync("p-filter", ("Harbour Film", ProjectRole.Viewer), ("Desert Film", ProjectRole.Viewer));
        using var other = await PersonAsync("p-other", ("Harbour Film", ProjectRole.Viewer));
        await AuditTrailTests.SendAsync(filtered, HttpMethod.Get, "/api/search?q=foghorn&project=Harbour%20Film");
        await AuditTrailTests.SendAsync(filtered, HttpMethod.Get, "/api/search?q=quiet&project=Desert%20Film");
        await AuditTrailTests.SendAsync(filtered, HttpMethod.Get, $"/api/assets/{_desertClip}");
        await AuditTrailTests.SendAsync(other, HttpMethod.Get, $"/api/assets/{_harbourClip}");
        await AuditedClips.WaitForCountAsync(_admin, "person=p-filter", 3);
        await AuditedClips.WaitForCountAsync(_admin, "person=p-other", 1);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _api.Dispose();
    }

    private async Task<HttpClient> PersonAsync(string userName, params (string Project, ProjectRole Role)[] roles) =>
        _api.WithToken(await _api.PersonTokenAsync(userName, roles));

    [TestCase("person=p-filter", 3)]
    [TestCase("person=p-filter&project=Desert%20Film", 2)]
    [TestCase("person=p-filter&action=search", 2)]
    [TestCase("person=p-filter&action=view-clip", 1)]
    [TestCase("person=p-filter&result=ok", 3)]
    [TestCase("person=p-filter&result=refused", 0)]
    [TestCase("person=p-filter&from={today}", 3)]
    [TestCase("person=p-filter&to={today}", 3)]
    [TestCase("person=p-filter&from={tomorrow}", 0)]
    [TestCase("person=p-filter&to={yesterday}", 0)]
    [TestCase("person=p-filter&from={hourAgo}&to={inAnHour}", 3)]
    [TestCase("person=nobody", 0)]
    public async Task Filters_ReturnOnlyTheRowsThatPassEveryOne(string query, int expected)
    {
        var now = DateTime.UtcNow;
        query = query.Replace("{today}", $"{now:yyyy-MM-dd}", StringComparison.Ordinal)
            .Replace("{tomorrow}", $"{now.AddDays(1):yyyy-MM-dd}", StringComparison.Ordinal)
            .Replace("{yesterday}", $"{now.AddDays(-1):yyyy-MM-dd}", StringComparison.Ordinal)
            .Replace("{hourAgo}", now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{inAnHour}", now.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/audit?{query}");

        page.GetProperty("events").GetArrayLength().ShouldBe(expected, query);
    }

    [Test]
    public async Task FilterByAsset_ReturnsThatClipsRowsWhoeverActed()
    {
        var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/audit?asset={_harbourClip}");

        var rows = page.GetProperty("events").EnumerateArray().ToList();
        rows.ShouldHaveSingleItem().Text("actorName").ShouldBe("p-other");
        rows[0].Text("project").ShouldBe("Harbour Film");
    }

    [TestCase("action=delete", "'action' must be one of")]
    [TestCase("result=maybe", "'result' must be one of ok, refused, failed")]
    [TestCase("asset=A001C001", "'asset' must be an asset id")]
    [TestCase("from=21/11/2026", "'from' must be an ISO date")]
    [TestCase("take=0", "take must be between 1 and 1000")]
    [TestCase("after=yesterday", "'after' is not a page mark")]
    public async Task AFilterThatCannotMeanAnything_Answers400NamingIt(string query, string says)
    {
        foreach (var url in new[] { $"/api/audit?{query}", $"/api/audit.csv?{query}" })
        {
            if (url.Contains(".csv", StringComparison.Ordinal) && query.StartsWith("take", StringComparison.Ordinal) || url.Contains(".csv", StringComparison.Ordinal) && query.StartsWith("after", StringComparison.Ordinal))
            {
                continue; // the CSV is every row: it has no pages
            }
            var response = await _admin.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).Text("detail").ShouldContain(says);
        }
    }

    [Test]
    public async Task Pages_GoFromNewestToOldest_AndTheNextLinkLeadsOnWithoutRepeats()
    {
        using var pager = await PersonAsync("p-page", ("Harbour Film", ProjectRole.Viewer));
        for (var i = 0; i < 5; i++)
        {
            await AuditTrailTests.SendAsync(pager, HttpMethod.Get, $"/api/search?q=page{i}");
        }
        await AuditedClips.WaitForCountAsync(_admin, "person=p-page", 5);

        var seen = new List<JsonElement>();
        string? next = "/api/audit?person=p-page&take=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await _admin.GetFromJsonAsync<JsonElement>(next);
            page.GetProperty("events").GetArrayLength().ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.GetProperty("events").EnumerateArray());
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.Text("next") : null;
            pages++;
        }

        pages.ShouldBe(3);
        seen.Select(r => r.Text("detail")).ShouldBe(["q=page4", "q=page3", "q=page2", "q=page1", "q=page0"], "newest first, each once");
    }

    [Test]
    public async Task Csv_HasAHeaderAndTheFilteredRows_AndTextASpreadsheetWouldRunIsDefused()
    {
        // A display name is whatever an administrator typed; a spreadsheet must not run it.
        await _api.AddPersonAsync("p-csv", false, ("Harbour Film", ProjectRole.Viewer));
        using var csvPerson = await PersonAsync("p-csv");
        await RenameAsync("p-csv", "=HYPERLINK(\"http://evil\")");
        await AuditTrailTests.SendAsync(csvPerson, HttpMethod.Get, "/api/search?q=foghorn,%20twice");
        await AuditedClips.WaitForCountAsync(_admin, "person=p-csv", 1);

        var response = await _admin.GetAsync("/api/audit.csv?person=p-csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.ShouldStartWith("audit-");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("time_utc,actor_id,actor_name,client_address,action,project,asset_id,detail,result,status,bytes,seconds");
        var row = lines.Skip(1).ShouldHaveSingleItem();
        row.ShouldContain(",\"'=HYPERLINK(\"\"http://evil\"\")\",127.0.0.1,search,,,\"q=foghorn, twice\",ok,200,");
        var all = (await _admin.GetStringAsync("/api/audit.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        all.Length.ShouldBeGreaterThan(5, "without filters, every row");
        var exported = await AuditedClips.WaitForOneAsync(_admin, "action=export", r => r.Text("detail") == "audit trail (CSV): person=p-csv");
        exported.Text("result").ShouldBe("ok", "taking the trail away as CSV is itself recorded");
    }

    private async Task RenameAsync(string userName, string displayName)
    {
        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        await db.Users.Where(p => p.UserName == userName).ExecuteUpdateAsync(u => u.SetProperty(p => p.DisplayName, displayName));
    }
}
