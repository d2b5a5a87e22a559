using System.Net.Http.Json;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent.Restores;

/// <summary>An archivist restores a whole card from the MAM with the agent: the card's folder comes back
/// byte for byte, with its ASC MHL history and a new transfer generation saying every file was verified
/// against the hash taken on set; the MAM keeps the per-file results and the audit trail says who
/// restored what, where to, with which result.</summary>
[TestFixture]
[Category("Integration")]
public sealed class RestoreCardTests() : TempFolderTest("restore")
{
    [Test]
    public async Task Restore_OfACardFromRgw_WritesItByteForByte_WithItsHistoryAndAVerifiedTransferGeneration()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true);
        await bed.IngestAsync();
        var dest = Temp.Combine("restored");

        var result = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest, "--author", "Ada");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Restore complete");
        var card = Path.Combine(dest, RestoreTestBed.CardName);
        SampleCard.ShouldHoldExactCopyOf(card, bed.SourceCard);
        var offloadHistory = await MhlHistory.OpenAsync(bed.OffloadedCard, CancellationToken.None);
        foreach (var generation in offloadHistory.Generations)
        {
            File.ReadAllBytes(Path.Combine(card, "ascmhl", generation.Path)).ShouldBe(File.ReadAllBytes(offloadHistory.GetGenerationPath(generation)), generation.Path);
        }
        var restored = await RestoreAssertions.NewGenerationAsync(card, offloadHistory.Generations.Count);
        restored.Creator.Authors.ShouldContain(a => a.Name == "Ada" && a.Role == "archivist");
        restored.Files.Select(f => f.Path).ShouldBe(["Clips/A001C001_261121_R1AB.mov", "Clips/A001C002_261121_R1AB.mov", "Sidecar.txt"], ignoreOrder: true);
        foreach (var file in restored.Files)
        {
            file.Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Verified);
            file.GetHash("xxh64").ShouldBe(await ExternalTool.XxhsumAsync(Path.Combine(card, file.Path)));
        }
        restored.RootHashes.ShouldNotBeEmpty();
        RestoreAssertions.LeftoversIn(dest).ShouldBeEmpty("no temporary file or lock is left behind");

        var id = RestoreAssertions.RestoreId(result);
        using var archivist = bed.Api.WithToken(bed.ArchivistToken);
        var record = await RestoreAssertions.RecordAsync(archivist, id);
        record.GetProperty("state").GetString().ShouldBe("done");
        record.GetProperty("results").GetProperty("failed").GetInt32().ShouldBe(0);
        record.GetProperty("results").GetProperty("verified").GetInt32().ShouldBe(record.GetProperty("results").GetProperty("files").GetInt32());
        record.GetProperty("files").EnumerateArray().ShouldAllBe(f => f.GetProperty("storageClass").GetString() == "STANDARD");
        record.GetProperty("destination").GetString().ShouldBe($"{Environment.MachineName}:{dest}");
        record.GetProperty("mhl").GetString()!.ShouldStartWith($"{RestoreTestBed.CardName}/ascmhl/");
        using var administrator = bed.Api.CreateWriter();
        var audited = await RestoreAssertions.AuditedRestoresAsync(administrator, e => e.GetProperty("detail").GetString()!.Contains(" verified, ", StringComparison.Ordinal));
        audited.ShouldHaveSingleItem().GetProperty("actorName").GetString().ShouldBe("ada-archivist");
        audited[0].GetProperty("result").GetString().ShouldBe("ok");
        audited[0].GetProperty("detail").GetString()!.ShouldContain($"card {RestoreTestBed.CardName} to {Environment.MachineName}:{dest}");

        // The restored folder is one more verified copy of each original, in the project's copies.
        var copies = await archivist.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/projects/{RestoreTestBed.Project}/copies");
        var restoredCopies = copies.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("where").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == "restored")
                .Select(c => (Path: i.GetProperty("path").GetString(), Location: c.GetProperty("location").GetString(), Key: c.GetProperty("key").GetString(),
                    Outcome: c.GetProperty("outcome").GetString(), CheckedBy: c.GetProperty("checkedBy").GetString())))
            .ToList();
        // Every file of the card, its history and sidecars included, came back verified.
        var cardFiles = copies.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
        cardFiles.ShouldContain("Clips/A001C001_261121_R1AB.mov");
        restoredCopies.Select(c => c.Path).ShouldBe(cardFiles, ignoreOrder: true);
        restoredCopies.ShouldAllBe(c => c.Location == $"{Environment.MachineName}:{dest}" && c.Key == $"{RestoreTestBed.CardName}/{c.Path}"
            && c.Outcome == "intact" && c.CheckedBy == "ingest-agent restore");
        copies.GetProperty("locations").EnumerateArray().ShouldContain(l => l.GetProperty("kind").GetString() == "restored"
            && l.GetProperty("copies").GetInt32() == cardFiles.Count);
    }

    [Test]
    public async Task Restore_OnTheFolderStore_ReadsThroughSignedLinksOnTheApi()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: false);
        await bed.IngestAsync();
        var dest = Temp.Combine("restored");

        var result = await bed.RestoreAsync("--card", RestoreTestBed.CardName, "--project", RestoreTestBed.Project, "--dest", dest);

        result.ExitCode.ShouldBe(0, result.ToString());
        SampleCard.ShouldHoldExactCopyOf(Path.Combine(dest, RestoreTestBed.CardName), bed.SourceCard);
    }

    [Test]
    public async Task Restore_PlanOnly_PrintsFilesClassesAndTheEstimate_AndWritesNothing()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true);
        await bed.IngestAsync();
        var dest = Temp.Combine("restored");

        var result = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest, "--plan-only");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Clips/A001C001_261121_R1AB.mov");
        result.Output.ShouldContain("STANDARD");
        result.Output.ShouldContain("configured: Restores:ThroughputMiBps");
        result.Output.ShouldContain("No file is in an archive tier");
        result.Output.ShouldContain("Nothing was restored (--plan-only)");
        Directory.Exists(dest).ShouldBeFalse();
    }
}
