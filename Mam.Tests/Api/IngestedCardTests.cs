using Mam.Tests.Support;
using Mam.Tests.Workers.Analysis;

namespace Mam.Tests.Api;

/// <summary>One real card ingested end to end (upload, register, the whole pipeline) on a real socket, then
/// what a neighbour on the machine or a browser would see: the data folder (world-readable once), and the
/// answers' headers (no nosniff and friends once, and "Server: Kestrel").</summary>
[TestFixture]
public sealed class IngestedCardTests
{
    private static readonly UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TempFolder _media = new("ingested-media");
    private MamApiFactory _api = null!;
    private HttpClient _client = null!;
    private Guid _asset;

    [OneTimeSetUp]
    public async Task IngestACard()
    {
        _api = new MamApiFactory(realSocket: true);
        _client = _api.CreateWriter();
        var clip = await TestMedia.MakeClipAsync(_media.Path, "A001C001.mov", 2, CancellationToken.None);
        _asset = await AnalysisApiTests.UploadCardAsync(_client, "Private", "A001", clip);
        var asset = await AnalysisApiTests.WaitForPipelineAsync(_client, _asset);
        asset.GetProperty("state").GetString().ShouldNotBe("processing", asset.ToString());
    }

    [OneTimeTearDown]
    public void StopApi()
    {
        _client.Dispose();
        _api.Dispose();
        _media.Dispose();
    }

    [Test]
    public void DataFolder_AfterACardIsIngested_GivesGroupAndOthersNoPermissionOnAnything()
    {
        var root = new DirectoryInfo(_api.DataDirectory);
        root.UnixFileMode.ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var entries = root.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).ToList();
        entries.ShouldContain(e => e.Name == "catalog.db");
        entries.ShouldContain(e => e.Name == "search.db");
        entries.ShouldContain(e => e.FullName.Contains("/objects/projects/Private/cards/A001/", StringComparison.Ordinal));
        entries.ShouldContain(e => e.FullName.Contains("/objects/renditions/", StringComparison.Ordinal));
        var open = entries.Where(e => (e.UnixFileMode & GroupOrOther) != 0)
            .Select(e => $"{Path.GetRelativePath(root.FullName, e.FullName)} {Convert.ToString((int)e.UnixFileMode, 8)}").ToList();
        open.ShouldBeEmpty();
    }

    [TestCase("/api/assets/{0}", "application/json")]
    [TestCase("/api/assets/{0}/proxy", "video/mp4")]
    [TestCase("/api/assets/{0}/poster", "image/jpeg")]
    [TestCase("/api/assets/00000000-0000-0000-0000-000000000000", "application/problem+json")]
    public async Task Answer_OfTheApiAndItsMedia_CarriesNosniffNoReferrerNoFramingAndNoServerName(string url, string contentType)
    {
        using var response = await _client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, _asset));

        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.Contains("Server").ShouldBeFalse(string.Join(", ", response.Headers.Select(h => h.Key)));
    }

    [Test]
    public async Task Page_KeepsItsOwnContentSecurityPolicyAndReferrerPolicy()
    {
        using var response = await _client.GetAsync("/");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["same-origin"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.Contains("Server").ShouldBeFalse();
    }
}
