using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mam.Tests.Support;

namespace Mam.Tests.Api;

/// <summary>Bad requests are described in the words of the JSON or URL the client sent: the details once named
/// .NET types ("could not be converted to Mam.Contracts.Cards.RegisterCardRequest") or said nothing at all.</summary>
[TestFixture]
public sealed class RequestWordingTests
{
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new MamApiFactory();
        _client = _api.CreateWriter();
    }

    [OneTimeTearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [TestCase("[1,2,3]", "The body is not a valid card manifest: the body must be a JSON object (line 1, character 2).")]
    [TestCase("{\"project\": 12}", "The body is not a valid card manifest: the value of 'project' has the wrong type (line 1, character 15).")]
    [TestCase("{\"project\": ", "The body is not a valid card manifest: it is not valid JSON at 'project' (line 1, character 13).")]
    public async Task BadJson_OfAManifest_IsDescribedInTheWordsOfTheJsonNotOfDotnetTypes(string body, string detail)
    {
        using var response = await _client.PostAsync("/api/cards", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProbeSupport.Detail(response)).ShouldBe(detail);
    }

    [TestCase("/api/uploads", "{\"project\":\"P\",\"card\":\"C\",\"path\":\"a\",\"size\":\"big\",\"xxh64\":\"0123456789abcdef\"}", "application/json",
        400, "The body is not valid for this request: the value of 'size' has the wrong type (line 1, character 50).")]
    [TestCase("/api/uploads", "", "application/json", 400, "The request needs a JSON body.")]
    [TestCase("/api/uploads", "size=1", "text/plain", 415, "Send the body as JSON (Content-Type: application/json).")]
    public async Task BadRequest_TheFrameworkBinds_IsAProblemInUserWords(string url, string body, string mediaType, int status, string detail)
    {
        using var response = await _client.PostAsync(url, new StringContent(body, Encoding.UTF8, mediaType));

        ((int)response.StatusCode).ShouldBe(status);
        var text = await ProbeSupport.Detail(response);
        text.ShouldBe(detail);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Mam.");
    }

    [Test]
    public async Task BadQueryValue_IsAProblemNamingTheParameterAndTheValue()
    {
        var upload = await (await ProbeSupport.OpenUpload(_client, "Demo", "A002", "a.mov", 3, "0123456789abcdef")).Content.ReadFromJsonAsync<JsonElement>();

        using var response = await _client.GetAsync($"/api/uploads/{upload.GetProperty("id").GetGuid()}?firstPart=abc");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProbeSupport.Detail(response)).ShouldBe("'abc' is not a valid value for 'firstPart'.");
    }
}
