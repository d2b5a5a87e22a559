using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review.Shares;

/// <summary>A guest fetches the certificate of the approval they gave through the link (the JWS, and a
/// PDF that checks offline on its own and carries no trace of the link's secret); the team's approval and another link's on the same clip answer as
/// missing; once the link is withdrawn, the certificates answer 410 like every other guest route.</summary>
[TestFixture]
public sealed class GuestCertificateTests() : ManagerSharing("guest-certificates")
{
    [Test]
    public async Task AGuest_FetchesTheCertificateOfTheirOwnApproval_AsJwsNamingThem_AndAsPdf_AndSeesTheirDecisionListed()
    {
        var clip = await ReviewClips.AddAsync(Api.Services, "CERT_own", 25, 1, "10:00:00:00", 60, "1010101010101010");
        var (linkId, url) = await ShareAsync(clip);
        using var guest = await ShareGuests.OpenAsync(Api, url, "Robin Client", "robin@client.example");
        var approval = await ApproveAsync(guest, url, clip, "Warmer grade on the last shot");

        using var response = await guest.GetAsync($"{url}/api/approvals/{approval}/certificate");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/jose");
        var jws = await response.Content.ReadAsStringAsync();
        jws.ShouldBe(await Manager.GetStringAsync($"/api/approvals/{approval}/certificate"), "the same JWS the team's route answers");
        var reviewer = Payload(jws).GetProperty("reviewer");
        reviewer.GetProperty("name").GetString().ShouldBe("Robin Client");
        reviewer.GetProperty("email").GetString().ShouldBe("robin@client.example");
        reviewer.GetProperty("guest").GetBoolean().ShouldBeTrue();
        reviewer.GetProperty("shareLink").GetString().ShouldBe(linkId.ToString());

        using var pdf = await guest.GetAsync($"{url}/api/approvals/{approval}/certificate.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await PdfText.ReadAsync(await pdf.Content.ReadAsByteArrayAsync(), Work.Path);
        text.ShouldContain("Approved with changes");
        text.ShouldContain("Warmer grade on the last shot");
        // The PDF travels (forwarded, printed): it must not carry the link's secret, and it checks on its own.
        text.ShouldNotContain(url.Split('/')[^1], Case.Insensitive);
        text.ShouldNotContain("/share/");
        var (printed, key) = PdfText.CertificateAndKey(text);
        printed.ShouldBe(jws.Trim());
        var (exit, output) = await OfflineCheck.VerifyAsync(printed, key, Work.Path);
        exit.ShouldBe(0, output);
        output.ShouldContain("Verified OK");
        output.ShouldContain("robin@client.example");
        var kid = Uri.EscapeDataString(JsonDocument.Parse(Base64Url(jws.Split('.')[0])).RootElement.GetProperty("kid").GetString()!);
        (await guest.GetStringAsync($"{url}/api/approvals/signing-key.pem?kid={kid}")).Trim().ShouldBe(key.Trim(), "the key printed is the one the link serves");

        var listed = await guest.GetFromJsonAsync<JsonElement>($"{url}/api/clips/{clip}/approvals");
        var only = listed.EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("decision").GetString().ShouldBe("approved-with-changes");
        only.GetProperty("certificateUrl").GetString().ShouldBe($"{url}/api/approvals/{approval}/certificate");
    }

    [Test]
    public async Task TheTeamsApproval_AndAnotherLinksApproval_OnTheSameClip_AnswerAsMissing()
    {
        var clip = await ReviewClips.AddAsync(Api.Services, "CERT_others", 25, 1, "10:00:00:00", 60, "2020202020202020");
        var (_, url) = await ShareAsync(clip);
        var (_, otherUrl) = await ShareAsync(clip);
        using var guest = await ShareGuests.OpenAsync(Api, url);
        using var otherGuest = await ShareGuests.OpenAsync(Api, otherUrl, "Sam Other", "sam@other.example");
        var own = await ApproveAsync(guest, url, clip, null);
        var others = await ApproveAsync(otherGuest, otherUrl, clip, null);
        var created = await Manager.PostAsJsonAsync($"/api/assets/{clip}/approvals", new { decision = "approved" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var team = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var approval in new[] { others, team })
        {
            foreach (var path in new[] { "certificate", "certificate.pdf" })
            {
                using var response = await guest.GetAsync($"{url}/api/approvals/{approval}/{path}");
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
                var body = await response.Content.ReadAsStringAsync();
                body.ShouldContain($"No approval {approval} was given through this link.");
                body.ShouldNotContain("CERT_others");
            }
        }
        var listed = await guest.GetFromJsonAsync<JsonElement>($"{url}/api/clips/{clip}/approvals");
        listed.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([own], "only the decision given through this link");
    }

    [Test]
    public async Task AfterTheLinkIsWithdrawn_TheCertificatesAnswerGone()
    {
        var clip = await ReviewClips.AddAsync(Api.Services, "CERT_gone", 25, 1, "10:00:00:00", 60, "3030303030303030");
        var (linkId, url) = await ShareAsync(clip);
        using var guest = await ShareGuests.OpenAsync(Api, url);
        var approval = await ApproveAsync(guest, url, clip, null);
        (await Manager.DeleteAsync($"/api/projects/{Uri.EscapeDataString(ReviewClips.Project)}/shares/{linkId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var path in new[] { $"approvals/{approval}/certificate", $"approvals/{approval}/certificate.pdf", $"clips/{clip}/approvals", "approvals/signing-key.pem" })
        {
            using var response = await guest.GetAsync($"{url}/api/{path}");
            response.StatusCode.ShouldBe(HttpStatusCode.Gone, path);
            (await ShareGuests.TypeAsync(response)).ShouldBe("urn:mam:problem:share-revoked");
        }
        (await Manager.GetStringAsync($"/api/approvals/{approval}/certificate")).ShouldNotBeEmpty("the approval itself stays on record for the team");
    }

    private Task<(Guid Id, string Url)> ShareAsync(Guid clip) =>
        ShareGuests.ShareAsync(Manager, new { recipientName = "Robin", recipientEmail = "robin@client.example", clips = new[] { clip }, rights = new[] { "approve" } });

    private static async Task<Guid> ApproveAsync(HttpClient guest, string url, Guid clip, string? note)
    {
        var response = await guest.PostAsJsonAsync($"{url}/api/clips/{clip}/approvals", new { decision = note is null ? "approved" : "approved-with-changes", note });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static JsonElement Payload(string jws) => JsonDocument.Parse(Base64Url(jws.Split('.')[1])).RootElement;

    private static string Base64Url(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
