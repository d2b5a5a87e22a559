using System.Net;
using System.Text.Json;
using Mam.Tests.Support;

namespace Mam.Tests.Api;

[TestFixture]
public sealed class SearchApiTests
{
    private MamApiFactory _api = null!;

    [OneTimeSetUp]
    public void StartApi() => _api = new MamApiFactory();

    [OneTimeTearDown]
    public void StopApi() => _api.Dispose();

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\"")]
    [TestCase("*")]
    [TestCase("^")]
    [TestCase("()")]
    public async Task Search_WithNothingToSearchFor_Returns400WithAPlainMessage(string query)
    {
        using var client = _api.CreateReader();

        var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:invalid-request");
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [TestCase("\"unbalanced quote")]
    [TestCase("harbour AND (")]
    [TestCase("NEAR(harbour boat)")]
    [TestCase("text:harbour")]
    [TestCase("'; DROP TABLE segments; --")]
    [TestCase("harbour OR")]
    [TestCase("{clip_name}: x")]
    [TestCase("café -boat")]
    public async Task Search_WithFts5SyntaxOrSqlFragments_AnswersWithoutServerError(string query)
    {
        using var client = _api.CreateReader();

        var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        var again = await client.GetAsync("/api/search?q=harbour");
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "the index must still answer after a hostile query");
    }

    [Test]
    public async Task Search_WithATenKilobyteQuery_Returns400InsteadOfScanningForever()
    {
        using var client = _api.CreateReader();

        var response = await client.GetAsync($"/api/search?q={new string('a', 10_000)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
