using System.Net;
using System.Text.Json;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;

namespace Mam.Tests.Api;

/// <summary>Every list says how it pages: a page size out of range, or a paging parameter the list does
/// not take, is a 400 that names what it takes — never silently ignored.</summary>
[TestFixture]
public sealed class PagingTests
{
    private MamApiFactory _api = null!;
    private HttpClient _admin = null!;
    private Guid _clip;

    [OneTimeSetUp]
    public async Task AClip()
    {
        _api = new MamApiFactory();
        _admin = _api.CreateWriter();
        _clip = await CataloguedClips.AddAndIndexAsync(_api.Services, new CataloguedClips.Clip("Harbour Film", "A001R1AB", "A001C001", "A", null, [(1, 2, "the harbour lights")], []));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _api.Dispose();
    }

    [TestCase("/api/assets?take=0", "take must be between 1 and 500")]
    [TestCase("/api/assets?take=501", "take must be between 1 and 500")]
    [TestCase("/api/assets?skip=-1", "skip 0 or more")]
    [TestCase("/api/assets?limit=10", "'limit' is not a parameter of this list: it takes skip (0 or more) and take (1 to 500)")]
    [TestCase("/api/cards?take=0", "take must be between 1 and 500")]
    [TestCase("/api/audit?take=0", "take must be between 1 and 1000")]
    [TestCase("/api/audit?skip=5", "'skip' is not a parameter of this list: it takes take (1 to 1000)")]
    [TestCase("/api/audit.csv?take=0", "it takes no paging parameter (it answers every matching row")]
    [TestCase("/api/search?q=harbour&take=0", "'take' is not a parameter of this list: it takes limit (1 to 200)")]
    [TestCase("/api/search?q=harbour&limit=0", "limit must be between 1 and 200")]
    [TestCase("/api/pipeline/operations?take=0", "it takes no paging parameter (it answers the newest 200 you may see)")]
    [TestCase("/api/pipeline/stages?take=0", "no paging parameter")]
    [TestCase("/api/projects?take=0", "no paging parameter")]
    [TestCase("/api/people?take=0", "no paging parameter")]
    [TestCase("/api/tokens?take=0", "no paging parameter")]
    [TestCase("/api/projects/Harbour%20Film/members?take=0", "no paging parameter")]
    [TestCase("/api/assets/{clip}/tags?take=0", "it takes no paging parameter (it answers every tag of the clip)")]
    public async Task AList_AskedForAPageItCannotGive_Is400NamingWhatItTakes(string url, string says)
    {
        var response = await _admin.GetAsync(url.Replace("{clip}", _clip.ToString(), StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("urn:mam:problem:invalid-request");
        problem.GetProperty("detail").GetString()!.ShouldContain(says);
    }

    [TestCase("/api/assets?skip=0&take=1")]
    [TestCase("/api/cards?take=500")]
    [TestCase("/api/audit?take=1000")]
    [TestCase("/api/search?q=harbour&limit=200")]
    [TestCase("/api/projects")]
    public async Task AList_AskedWithinItsRange_Answers(string url)
    {
        (await _admin.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
