using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Tests.Api.Review;
using Mam.Tests.Support;
using Mam.Workers.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Workers.Notifications;

/// <summary>The daily digest: a follower with a mail address gets the day's events of their projects
/// over SMTP (Debian's aiosmtpd on loopback), names with markup escaped in the HTML part; a second run
/// sends nothing again; wrong settings stop the start with a sentence.</summary>
[TestFixture]
public sealed class DailyDigestTests
{
    private const string Project = "Digest Film";

    [Test]
    public async Task TheDigest_ListsTheFollowedProjectsEvents_EscapesNames_AndARunTwiceSendsNothingTwice()
    {
        await using var smtp = await LocalSmtpServer.StartAsync();
        await using var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:From"] = "MAM <mam@example.com>",
            ["Digest:PublicUrl"] = "https://mam.example/",
        });
        var dana = await api.AddPersonAsync("dana", false, (Project, ProjectRole.Reviewer));
        using var sam = api.WithToken(await api.PersonTokenAsync("sam", (Project, ProjectRole.Reviewer)));
        await using (var db = await api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(p => p.Id == dana).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, "dana@example.com"));
            await db.Users.Where(p => p.UserName == "sam").ExecuteUpdateAsync(s => s.SetProperty(p => p.DisplayName, "<script>alert(1)</script> Sam"));
        }
        api.Services.GetRequiredService<Mam.Api.Security.Access.AccessCache>().Changed();
        var clip = await ReviewClips.AddAsync(api.Services, "DIGEST_v1", 25, 1, "10:00:00:00", 60, project: Project);
        (await sam.PostAsJsonAsync($"/api/assets/{clip}/comments", new { text = "grade is too warm", frame = 50 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await RunAsync(api)).ShouldBe(1);
        (await RunAsync(api)).ShouldBe(0, "the second run finds nothing new");

        var mail = smtp.Messages.ShouldHaveSingleItem();
        mail.ShouldContain("To: dana@example.com");
        mail.ShouldContain("Subject: MAM daily digest: 1 event(s) in 1 project(s)");
        var html = Part(mail, "text/html");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; Sam commented on DIGEST_v1 at 10:00:02:00: grade is too warm");
        html.ShouldNotContain("<script>");
        html.ShouldContain($"href=\"https://mam.example/clips/{clip}?t=2\"");
        Part(mail, "text/plain").ShouldContain("<script>alert(1)</script> Sam commented on DIGEST_v1", Case.Sensitive, "plain text is shown as text");

        await using var check = await api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        var sent = await check.DigestsSent.SingleAsync();
        (sent.To, sent.Events).ShouldBe(("dana@example.com", 1));
    }

    [TestCase("Digest:At", "25:00", "Digest:At must be a time of day as HH:mm (UTC), e.g. 07:00; it is '25:00'.")]
    [TestCase("Smtp:From", "not an address", "Smtp:From must be a mail address (e.g. MAM <mam@example.com>) when Smtp:Host is set; it is 'not an address'.")]
    public void WrongSettings_StopTheStart_WithASentence(string key, string value, string said)
    {
        var settings = new Dictionary<string, string> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:From"] = "mam@example.com", [key] = value };
        using var api = new MamApiFactory(settings: settings);
        var failure = Should.Throw<OptionsValidationException>(() => api.CreateClient());
        failure.Message.ShouldContain(said);
    }

    private static async Task<int> RunAsync(MamApiFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyDigest>().SendAsync(CancellationToken.None);
    }

    /// <summary>One MIME part's decoded text (System.Net.Mail writes UTF-8 parts as quoted-printable or base64).</summary>
    private static string Part(string mail, string type)
    {
        var at = mail.IndexOf("Content-Type: " + type, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(-1, $"the mail has a {type} part");
        var headersEnd = mail.IndexOf("\r\n\r\n", at, StringComparison.Ordinal);
        var headers = mail[at..headersEnd];
        var end = mail.IndexOf("\r\n--", headersEnd, StringComparison.Ordinal);
        var body = mail[(headersEnd + 4)..(end < 0 ? mail.Length : end)];
        if (headers.Contains("base64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal)));
        }
        if (headers.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            var soft = body.Replace("=\r\n", "", StringComparison.Ordinal);
            var bytes = new List<byte>();
            for (var i = 0; i < soft.Length; i++)
            {
                if (soft[i] == '=' && i + 2 < soft.Length)
                {
                    bytes.Add(Convert.ToByte(soft.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(soft[i].ToString()));
                }
            }
            return Encoding.UTF8.GetString([.. bytes]);
        }
        return body;
    }
}
