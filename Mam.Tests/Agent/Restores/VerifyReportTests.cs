using System.Net.Http.Json;
using System.Text.Json;
using Mam.Tests.Support;

namespace Mam.Tests.Agent.Restores;

/// <summary><c>ingest-agent verify --api</c>, the real agent against a running MAM: the RAID the card was
/// offloaded to and a shuttle drive copied from it are verified on set, and the MAM shows each as a copy
/// with its check — the shuttle's damaged and missing files as failures. Offline, verify says the report
/// was not sent and keeps its own result.</summary>
[TestFixture]
[Category("Integration")]
public sealed class VerifyReportTests() : TempFolderTest("verify-report")
{
    private const string DamagedClip = "Clips/A001C002_261121_R1AB.mov";

    [Test]
    public async Task VerifyWithApi_OfTheOffloadedRaid_AndOfADamagedShuttle_ShowsBothCopiesWithTheirCheck()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: false);
        await bed.IngestAsync();
        var shuttle = Temp.Combine("shuttle", RestoreTestBed.CardName);
        foreach (var file in SampleCard.Files(bed.OffloadedCard))
        {
            var to = Path.Combine(shuttle, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(bed.OffloadedCard, file), to);
        }
        var damaged = Path.Combine(shuttle, DamagedClip);
        var bytes = File.ReadAllBytes(damaged);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(damaged, bytes);
        File.Delete(Path.Combine(shuttle, "Sidecar.txt"));
        string[] api = ["--api", bed.BaseUri.ToString(), "--token", bed.Api.AdminToken, "--project", RestoreTestBed.Project];

        var raid = await Agent.RunAsync(["verify", bed.OffloadedCard, .. api]);
        var onShuttle = await Agent.RunAsync(["verify", shuttle, .. api]);

        raid.ExitCode.ShouldBe(0, raid.ToString());
        raid.Output.ShouldContain($"MAM: card {RestoreTestBed.CardName} at {Environment.MachineName}:{bed.OffloadedCard}:");
        onShuttle.ExitCode.ShouldBe(1, onShuttle.ToString());
        onShuttle.Output.ShouldContain("Verification FAILED");
        onShuttle.Output.ShouldContain("1 failed");
        using var administrator = bed.Api.CreateWriter();
        var copies = await administrator.GetFromJsonAsync<JsonElement>($"/api/projects/{RestoreTestBed.Project}/copies");
        var onSet = copies.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("where").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == "on-set")
                .Select(c => (Path: i.GetProperty("path").GetString()!, Location: c.GetProperty("location").GetString()!,
                    Outcome: c.GetProperty("outcome").GetString(), CheckedBy: c.GetProperty("checkedBy").GetString()!)))
            .ToList();
        var raidCopies = onSet.Where(c => c.Location == $"{Environment.MachineName}:{bed.OffloadedCard}").ToList();
        // The files the card's ASC MHL history lists (OS litter like .DS_Store is kept, but not hashed by verify).
        string[] listed = ["Clips/A001C001_261121_R1AB.mov", DamagedClip, "Sidecar.txt"];
        raidCopies.Where(c => listed.Contains(c.Path)).Count().ShouldBe(3);
        raidCopies.Where(c => listed.Contains(c.Path))
            .ShouldAllBe(c => c.Outcome == "intact" && c.CheckedBy.StartsWith("mam-ingest-agent verify ", StringComparison.Ordinal));
        var shuttleCopies = onSet.Where(c => c.Location == $"{Environment.MachineName}:{shuttle}").ToDictionary(c => c.Path);
        shuttleCopies[DamagedClip].Outcome.ShouldBe("damaged");
        shuttleCopies["Sidecar.txt"].Outcome.ShouldBe("missing");
        shuttleCopies["Clips/A001C001_261121_R1AB.mov"].Outcome.ShouldBe("intact");
        var failed = await administrator.GetFromJsonAsync<JsonElement>($"/api/projects/{RestoreTestBed.Project}/copies?show=failed");
        failed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ShouldBe([DamagedClip, "Sidecar.txt"]);
    }

    [Test]
    public async Task VerifyWithApi_WhenTheMamCannotBeReached_PrintsItsOwnResult_SaysTheReportWasNotSent_AndExitsAsTheVerificationSays()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: false);
        await bed.IngestAsync();
        // A loopback port nothing listens on any more.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var unreachable = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/";
        listener.Stop();

        var result = await Agent.RunAsync("verify", bed.OffloadedCard, "--api", unreachable, "--token", "any", "--project", RestoreTestBed.Project, "--api-retries", "0");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Verification passed.");
        result.Error.ShouldContain($"The result for card {RestoreTestBed.CardName} could not be sent to the MAM");
    }
}
