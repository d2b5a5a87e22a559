using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Mam.Storage;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review;

/// <summary>Versions and approvals: only the latest version can be approved; each approval's
/// certificate verifies offline with openssl and the published key, names the proxy watched and the
/// master's on-set hash, and is marked stale when a later version's master differs.</summary>
[TestFixture]
public sealed class ApprovalTests
{
    private MamApiFactory _api = null!;
    private HttpClient _reviewer = null!;
    private TempFolder _work = null!;

    [OneTimeSetUp]
    public async Task AReviewer()
    {
        _api = new MamApiFactory();
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("dana", (ReviewClips.Project, ProjectRole.Reviewer)));
        _work = new TempFolder("approvals");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _reviewer.Dispose();
        _api.Dispose();
        _work.Dispose();
    }

    [Test]
    public async Task ApprovingTheLatestVersion_GivesACertificateThatOpensslVerifiesOffline_AndATamperedOneFails()
    {
        var (v1, v2) = await TwoVersionsAsync("1111111111111111", "2222222222222222");
        var proxy = await AddProxyAsync(v2, "the cut as the reviewer watched it"u8.ToArray());

        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/approvals", new { decision = "approved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var approval = await response.Content.ReadFromJsonAsync<JsonElement>();
        approval.GetProperty("version").GetInt32().ShouldBe(2);
        approval.GetProperty("masterXxh64").GetString().ShouldBe("2222222222222222");
        approval.GetProperty("proxySha256").GetString().ShouldBe(proxy);
        var certificate = await _reviewer.GetStringAsync(approval.GetProperty("certificateUrl").GetString());
        var key = await _reviewer.GetStringAsync("/api/approvals/signing-key.pem");
        using (var unknown = await _reviewer.GetAsync("/api/approvals/signing-key.pem?kid=0123456789abcdef"))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await unknown.Content.ReadAsStringAsync()).ShouldContain("There is no signing key 0123456789abcdef.");
        }

        var (exit, output) = await OfflineCheck.VerifyAsync(certificate, key, _work.Path);

        exit.ShouldBe(0, output);
        output.ShouldContain("Verified OK");
        var claims = JsonDocument.Parse(output[(output.IndexOf('{', StringComparison.Ordinal))..]).RootElement;
        claims.GetProperty("decision").GetString().ShouldBe("approved");
        claims.GetProperty("reviewer").GetProperty("name").GetString().ShouldBe("dana");
        claims.GetProperty("clip").GetProperty("version").GetInt32().ShouldBe(2);
        claims.GetProperty("clip").GetProperty("asset").GetString().ShouldBe(v2.ToString());
        claims.GetProperty("master").GetProperty("xxh64").GetString().ShouldBe("2222222222222222");
        claims.GetProperty("proxy").GetProperty("sha256").GetString().ShouldBe(proxy);

        // Someone turns the rejection they were given into an approval of another master.
        var parts = certificate.Split('.');
        var forged = claims.ToString().Replace("2222222222222222", "9999999999999999", StringComparison.Ordinal);
        var forgedCertificate = $"{parts[0]}.{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}";
        var (tamperedExit, tampered) = await OfflineCheck.VerifyAsync(forgedCertificate, key, _work.Path);
        tamperedExit.ShouldBe(1);
        tampered.ShouldContain("Verification failure");
        v1.ShouldNotBe(v2);
    }

    [Test]
    public async Task ApprovingAVersionThatIsNotTheLatest_IsRefusedNamingTheLatest_AndNothingIsRecorded()
    {
        var (v1, _) = await TwoVersionsAsync("3333333333333333", "4444444444444444");

        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{v1}/approvals", new { decision = "approved" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString()!.ShouldEndWith("not-latest-version");
        problem.GetProperty("detail").GetString()!.ShouldContain("is version 1; the latest is version 2 (");
        (await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{v1}/approvals")).GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task ALaterVersionWithAnotherMaster_MakesTheApprovalStale_AndACheckSaysSo()
    {
        var (_, v2) = await TwoVersionsAsync("5555555555555555", "6666666666666666");
        var approval = await (await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/approvals", new { decision = "approved-with-changes", note = "lift the blacks" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var v3 = await ReviewClips.AddAsync(_api.Services, "CUT_v3", 25, 1, "10:00:00:00", 60, "7777777777777777");
        (await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/versions", new { asset = v3 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var stack = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/versions");

        stack.GetProperty("latest").GetInt32().ShouldBe(3);
        var given = stack.GetProperty("versions")[1].GetProperty("approvals")[0];
        given.GetProperty("decision").GetString().ShouldBe("approved-with-changes");
        given.GetProperty("stale").GetBoolean().ShouldBeTrue();
        given.GetProperty("staleBecause").GetString()!.ShouldContain("version 3 (CUT_v3) has a different master (xxh64 7777777777777777, approved 6666666666666666)");
        var check = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/approvals/{approval.GetProperty("id").GetGuid()}/check");
        check.GetProperty("signatureValid").GetBoolean().ShouldBeTrue();
        check.GetProperty("stale").GetBoolean().ShouldBeTrue();
    }

    [Test]
    public async Task ACertificateWhoseMasterNoLongerMatches_StillVerifies_ButTheCheckNamesBothHashes()
    {
        var (_, v2) = await TwoVersionsAsync("8888888888888888", "aaaaaaaaaaaaaaaa");
        var approval = await (await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/approvals", new { decision = "approved" })).Content.ReadFromJsonAsync<JsonElement>();
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            var file = await db.CardFiles.SingleAsync(f => f.AssetId == v2);
            file.Xxh64 = "bbbbbbbbbbbbbbbb"; // the master was replaced behind the approval's back
            await db.SaveChangesAsync();
        }

        var check = await _reviewer.GetFromJsonAsync<JsonElement>($"/api/approvals/{approval.GetProperty("id").GetGuid()}/check");

        check.GetProperty("signatureValid").GetBoolean().ShouldBeTrue();
        check.GetProperty("masterUnchanged").GetBoolean().ShouldBeFalse();
        check.GetProperty("masterProblem").GetString().ShouldBe("the clip's master now has xxh64 bbbbbbbbbbbbbbbb; the certificate names aaaaaaaaaaaaaaaa");
    }

    [TestCase("maybe", null, "decision must be approved, approved-with-changes or rejected.")]
    [TestCase("rejected", null, "Say what has to change: a note is needed to approve with changes or to reject.")]
    [TestCase("approved-with-changes", "  ", "Say what has to change")]
    public async Task ADecisionThatIsNotOne_OrARejectionWithoutANote_IsRefused(string decision, string? note, string message)
    {
        var clip = await ReviewClips.AddAsync(_api.Services, "CUT_solo", 25, 1, "10:00:00:00", 60);

        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{clip}/approvals", new { decision, note });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(message);
        (await _reviewer.GetFromJsonAsync<JsonElement>($"/api/assets/{clip}/approvals")).GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task AVersionFromAnotherProject_OrAClipAlreadyInAStack_IsRefused()
    {
        var (v1, v2) = await TwoVersionsAsync("cccccccccccccccc", "dddddddddddddddd");
        var elsewhere = await ReviewClips.AddAsync(_api.Services, "OTHER_v1", 25, 1, "10:00:00:00", 60, project: "Another Film");
        using var admin = _api.CreateWriter();

        var foreign = await admin.PostAsJsonAsync($"/api/assets/{v1}/versions", new { asset = elsewhere });
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await foreign.Content.ReadAsStringAsync()).ShouldContain("belong to one project");

        var other = await ReviewClips.AddAsync(_api.Services, "CUT_x", 25, 1, "10:00:00:00", 60);
        var again = await _reviewer.PostAsJsonAsync($"/api/assets/{other}/versions", new { asset = v2 });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("already version 2 of a stack");
    }

    private async Task<(Guid V1, Guid V2)> TwoVersionsAsync(string master1, string master2)
    {
        var v1 = await ReviewClips.AddAsync(_api.Services, "CUT_v1", 25, 1, "10:00:00:00", 60, master1);
        var v2 = await ReviewClips.AddAsync(_api.Services, "CUT_v2", 25, 1, "10:00:00:00", 60, master2);
        var added = await _reviewer.PostAsJsonAsync($"/api/assets/{v1}/versions", new { asset = v2 });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (v1, v2);
    }

    /// <returns>The proxy's SHA-256.</returns>
    private async Task<string> AddProxyAsync(Guid asset, byte[] bytes)
    {
        var key = $"renditions/{asset}/proxy/proxy.mp4";
        using (var content = new MemoryStream(bytes))
        {
            await _api.Services.GetRequiredService<IObjectStore>().PutAsync(key, content, null, CancellationToken.None);
        }
        await using var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        db.Renditions.Add(new Rendition { Id = Guid.NewGuid(), AssetId = asset, Kind = RenditionKind.Proxy, StorageKey = key, ContentType = "video/mp4", Size = bytes.Length, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
