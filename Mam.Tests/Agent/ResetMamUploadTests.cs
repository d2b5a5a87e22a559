using System.Net;
using System.Net.Sockets;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>The agent's journal remembers what it uploaded, but only the MAM knows what it stores: a MAM
/// reset (or restored from an older backup) at the same address must get the card again, not a
/// registration that points at files it does not have. Found by running the demo twice.</summary>
[TestFixture]
public sealed class ResetMamUploadTests() : TempFolderTest("reset-mam")
{
    [Test]
    public async Task Upload_ToAFreshMamAtTheSameAddress_SendsTheFilesAgainAndRegistersTheCard()
    {
        Temp.WriteFile(Path.Combine("card", "A001R1AB", "Clips", "A001C001_261121_R1AB.mov"), new byte[300_000]);
        Temp.WriteFile(Path.Combine("card", "A001R1AB", "Clips", "A001C001_261121_R1AB.xml"), "<clip reel=\"A001\"/>"u8.ToArray());
        var raid = Temp.Combine("raid");
        (await Agent.RunAsync("offload", Temp.Combine("card", "A001R1AB"), "--dest", raid)).ExitCode.ShouldBe(0);
        var journal = Temp.Combine("journal.db");
        var port = RestartableApi.FreePort();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Workers:Embedded"] = "false" };

        await using (var first = new RestartableApi(port, Temp.Combine("mam-before-reset"), settings).Started())
        {
            var before = await UploadAsync(first, journal);
            before.ExitCode.ShouldBe(0, before.ToString());
        }

        await using var reset = new RestartableApi(port, Temp.Combine("mam-after-reset"), settings).Started();
        var after = await UploadAsync(reset, journal);

        after.ExitCode.ShouldBe(0, after.ToString());
        after.Output.ShouldContain("Registered card A001R1AB in project Feature");
        using var reader = reset.CreateReader();
        using var clip = await reader.GetAsync(new Uri("api/assets", UriKind.Relative));
        clip.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clip.Content.ReadAsStringAsync()).ShouldContain("A001C001_261121_R1AB");
        File.Exists(Path.Combine(Temp.Combine("mam-after-reset"), "objects", "projects", "Feature", "cards", "A001R1AB", "Clips", "A001C001_261121_R1AB.mov"))
            .ShouldBeTrue("the clip is stored in the MAM that registered it");
    }

    private Task<AgentResult> UploadAsync(RestartableApi api, string journal) =>
        Agent.RunAsync("upload", Temp.Combine("raid", "A001R1AB"), "--project", "Feature",
            "--api", api.BaseUri.ToString(), "--token", api.AdminToken, "--journal", journal);
}
