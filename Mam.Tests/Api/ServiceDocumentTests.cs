using System.Net;
using System.Text.Json;
using Mam.Tests.Support;

namespace Mam.Tests.Api;

[TestFixture]
public sealed class ServiceDocumentTests
{
    private MamApiFactory _api = null!;

    [OneTimeSetUp]
    public void StartApi() => _api = new MamApiFactory();

    [OneTimeTearDown]
    public void StopApi() => _api.Dispose();

    [Test]
    public async Task OpenApiDocument_DescribesTheCardAssetAndSearchEndpoints()
    {
        using var client = _api.CreateReader();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/cards");
        paths.ShouldContain("/api/assets/{id}");
        paths.ShouldContain("/api/search");
        paths.ShouldContain("/api/assets/{id}/transcript.vtt");
    }

    [Test]
    public async Task Ready_OnTheEmbeddedDefaults_ReportsCatalogStorageMediaToolsAndJobStoreHealthy()
    {
        using var client = _api.CreateReader();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        foreach (var name in new[] { "catalog", "storage", "media-tools", "jobs" })
        {
            checks.GetProperty(name).GetProperty("status").GetString().ShouldBe("Healthy");
        }
    }

    [Test]
    public async Task Ready_WhenPocketsphinxIsMissing_SaysWhatIsMissingAndHowToInstallIt()
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["MediaTools:PocketsphinxPath"] = "/nonexistent/pocketsphinx_continuous" });
        using var client = api.CreateReader();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var description = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("checks").GetProperty("media-tools").GetProperty("description").GetString();
        description!.ShouldContain("/nonexistent/pocketsphinx_continuous");
        description!.ShouldContain("infra/install-deps.sh");
    }

    [Test]
    public async Task Asset_ThatDoesNotExist_Returns404ProblemNot500()
    {
        using var client = _api.CreateReader();

        var response = await client.GetAsync($"/api/assets/{Guid.NewGuid()}");
        var bogus = await client.GetAsync("/api/assets/not-a-guid");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        bogus.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
