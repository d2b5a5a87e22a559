using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review;

/// <summary>The certificate as a PDF for people, read back with poppler's pdftotext as a person would
/// see it: the decision, the reviewer, the note as typed (markup as text), the hashes, how the approval
/// stands now, and the signed JWS itself, whole.</summary>
[TestFixture]
public sealed class ApprovalCertificatePdfTests
{
    private MamApiFactory _api = null!;
    private HttpClient _reviewer = null!;
    private TempFolder _work = null!;

    [OneTimeSetUp]
    public async Task AReviewer()
    {
        _api = new MamApiFactory();
        _reviewer = _api.WithToken(await _api.PersonTokenAsync("noor", (ReviewClips.Project, ProjectRole.Reviewer)));
        _work = new TempFolder("certificate-pdf");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _reviewer.Dispose();
        _api.Dispose();
        _work.Dispose();
    }

    [Test]
    public async Task ThePdf_SaysWhoDecidedWhatOnWhichMaster_WithTheNoteAsTyped_AndCarriesTheSignedCertificate()
    {
        var (_, v2) = await TwoVersionsAsync("1212121212121212", "3434343434343434");
        const string note = "Lift the blacks — Zoë's <script>alert(1)</script> & \"grade\"";
        var approval = await ApproveAsync(v2, "approved-with-changes", note);
        var certificate = await _reviewer.GetStringAsync($"/api/approvals/{approval}/certificate");

        using var response = await _reviewer.GetAsync($"/api/approvals/{approval}/certificate.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"approval-{approval}.pdf");
        var text = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync(), _work.Path);
        text.ShouldContain("Approval certificate");
        text.ShouldContain("Signature valid; the master is unchanged and no later version replaced it.");
        text.ShouldContain("Approved with changes");
        text.ShouldContain(note);
        text.ShouldContain("noor");
        text.ShouldContain("CUT_v2");
        text.ShouldContain("3434343434343434");
        text.ShouldContain("bash infra/verify-approval.sh approval.jws signing-key.pem");
        // The JWS is cut into lines to fit the page; put back together it is the certificate, to the character.
        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ShouldContain(certificate.Trim());
    }

    /// <summary>The signed text is cut into lines wherever the page ends, and base64url is full of
    /// dashes; a dash at a line's end is dropped when the text is copied out (as a hyphen would be),
    /// and the certificate copied from the PDF no longer checks. A note of dashed runs shows it for
    /// certain, where the certificate's own dashes fall by chance.</summary>
    [Test]
    public async Task TextCutAcrossLines_ReadsBackWhole_EvenWhereACutFallsAfterADash()
    {
        var (_, v2) = await TwoVersionsAsync("1313131313131313", "2424242424242424");
        var dashed = string.Concat(Enumerable.Range(0, 150).Select(i => i % 3 == 0 ? "a-" : "b--"));
        var approval = await ApproveAsync(v2, "approved-with-changes", dashed);

        var text = await PdfText.ReadAsync(await _reviewer.GetByteArrayAsync($"/api/approvals/{approval}/certificate.pdf"), _work.Path);

        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ShouldContain(dashed);
    }

    [Test]
    public async Task APdfFetchedAfterALaterVersionChangedTheMaster_SaysTheApprovalIsStale()
    {
        var (_, v2) = await TwoVersionsAsync("5656565656565656", "7878787878787878");
        var approval = await ApproveAsync(v2, "approved", null);
        var v3 = await ReviewClips.AddAsync(_api.Services, "CUT_v3", 25, 1, "10:00:00:00", 60, "9090909090909090");
        (await _reviewer.PostAsJsonAsync($"/api/assets/{v2}/versions", new { asset = v3 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var text = await PdfText.ReadAsync(await _reviewer.GetByteArrayAsync($"/api/approvals/{approval}/certificate.pdf"), _work.Path);

        PdfText.Flat(text).ShouldContain("STALE: version 3 (CUT_v3) has a different master (xxh64 9090909090909090, approved 7878787878787878)");
        text.ShouldNotContain("Signature valid; the master is unchanged");
    }

    [Test]
    public async Task AnApprovalInAProjectTheCallerCannotRead_AnswersAsMissing()
    {
        var (_, v2) = await TwoVersionsAsync("abababababababab", "cdcdcdcdcdcdcdcd");
        var approval = await ApproveAsync(v2, "approved", null);
        using var outsider = _api.WithToken(await _api.PersonTokenAsync("olek", ("Another Film", ProjectRole.Reviewer)));

        using var response = await outsider.GetAsync($"/api/approvals/{approval}/certificate.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("CUT_v2");
    }

    [Test]
    public async Task AServerWithoutTheFonts_SaysWhatToInstall_AndStillServesTheSignedCertificate()
    {
        var empty = Path.Combine(_work.Path, "no-fonts");
        Directory.CreateDirectory(empty);
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Review:Certificates:FontFolder"] = empty });
        using var reviewer = api.WithToken(await api.PersonTokenAsync("noor", (ReviewClips.Project, ProjectRole.Reviewer)));
        var clip = await ReviewClips.AddAsync(api.Services, "CUT_solo", 25, 1, "10:00:00:00", 60);
        var created = await reviewer.PostAsJsonAsync($"/api/assets/{clip}/approvals", new { decision = "approved" });
        var approval = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var response = await reviewer.GetAsync($"/api/approvals/{approval}/certificate.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain("DejaVuSans.ttf is missing: install Debian's fonts-dejavu-core or set Review:Certificates:FontFolder");
        (await reviewer.GetAsync($"/api/approvals/{approval}/certificate")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<Guid> ApproveAsync(Guid version, string decision, string? note)
    {
        var response = await _reviewer.PostAsJsonAsync($"/api/assets/{version}/approvals", new { decision, note });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<(Guid V1, Guid V2)> TwoVersionsAsync(string master1, string master2)
    {
        var v1 = await ReviewClips.AddAsync(_api.Services, "CUT_v1", 25, 1, "10:00:00:00", 60, master1);
        var v2 = await ReviewClips.AddAsync(_api.Services, "CUT_v2", 25, 1, "10:00:00:00", 60, master2);
        var added = await _reviewer.PostAsJsonAsync($"/api/assets/{v1}/versions", new { asset = v2 });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (v1, v2);
    }
}
