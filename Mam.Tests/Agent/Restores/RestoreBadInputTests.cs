using System.Net.Http.Json;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent.Restores;

/// <summary>The bad days of a restore, on the real Ceph RGW: a destination already holding files, one that
/// fills up, an object deleted from the store or rotted in it, and two restores into the same place.</summary>
[TestFixture]
[Category("Integration")]
public sealed class RestoreBadInputTests() : TempFolderTest("restore-bad")
{
    private const string BigClip = "Clips/A001C001_261121_R1AB.mov";
    private const string SmallClip = "Clips/A001C002_261121_R1AB.mov";

    [Test]
    public async Task Restore_IntoAFolderHoldingOtherFiles_IsRefused_AndWithMergeNothingThereIsOverwritten()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true);
        await bed.IngestAsync();
        var dest = Temp.Combine("restored");
        var card = Path.Combine(dest, RestoreTestBed.CardName);
        Temp.WriteFile(Path.Combine("restored", RestoreTestBed.CardName, "notes.txt"), "the editor's notes"u8.ToArray());
        Temp.WriteFile(Path.Combine("restored", RestoreTestBed.CardName, "Sidecar.txt"), "someone else's sidecar"u8.ToArray());
        Directory.CreateDirectory(Path.Combine(card, "Clips"));
        File.Copy(Path.Combine(bed.SourceCard, SmallClip), Path.Combine(card, SmallClip));

        var refused = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest);

        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain($"{card} already holds files");
        refused.Error.ShouldContain("--merge");
        SampleCard.Files(card).ShouldBe(["Clips/A001C002_261121_R1AB.mov", "Sidecar.txt", "notes.txt"], "nothing was written");

        var merged = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest, "--merge");

        merged.ExitCode.ShouldBe(1, merged.ToString());
        merged.Output.ShouldContain($"FAILED    {RestoreTestBed.CardName}/Sidecar.txt: a different file is already at");
        merged.Output.ShouldContain($"{RestoreTestBed.CardName}/{SmallClip} (already at the destination, and it matches)");
        File.ReadAllText(Path.Combine(card, "Sidecar.txt")).ShouldBe("someone else's sidecar");
        File.ReadAllText(Path.Combine(card, "notes.txt")).ShouldBe("the editor's notes");
        File.ReadAllBytes(Path.Combine(card, BigClip)).ShouldBe(File.ReadAllBytes(Path.Combine(bed.SourceCard, BigClip)));
        var generation = await RestoreAssertions.NewGenerationAsync(card, 1);
        generation.Files.Single(f => f.Path == "Sidecar.txt").Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Failed);
        generation.Files.Single(f => f.Path == SmallClip).Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Verified);
    }

    [Test]
    public async Task Restore_WhenTheDestinationFillsUp_NamesTheFileAndTheSpace_LeavesNoHalfFile_AndTheRerunCompletes()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true);
        await bed.IngestAsync();
        var small = Temp.Combine("small");
        Directory.CreateDirectory(small);
        var (mounted, _, mountError) = await ExternalTool.RunAsync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", small]);
        if (mounted != 0)
        {
            Assert.Ignore($"Cannot mount a small tmpfs here ({mountError.Trim()}); the full-destination test needs one.");
        }
        try
        {
            var full = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", small, "--files-in-flight", "1");

            full.ExitCode.ShouldBe(1, full.ToString());
            var card = Path.Combine(small, RestoreTestBed.CardName);
            full.Output.ShouldContain($"FAILED    {RestoreTestBed.CardName}/{BigClip}: the destination is full: {Path.Combine(card, BigClip)} (3 MiB) did not fit");
            full.Output.ShouldMatch(@"free now in ");
            full.Output.ShouldContain("Restore INCOMPLETE");
            File.Exists(Path.Combine(card, BigClip)).ShouldBeFalse("a file that did not fit is not there under its name");
            RestoreAssertions.LeftoversIn(small).ShouldBeEmpty();
            File.ReadAllBytes(Path.Combine(card, SmallClip)).ShouldBe(File.ReadAllBytes(Path.Combine(bed.SourceCard, SmallClip)));
            using var archivist = bed.Api.WithToken(bed.ArchivistToken);
            var record = await RestoreAssertions.RecordAsync(archivist, RestoreAssertions.RestoreId(full));
            record.GetProperty("state").GetString().ShouldBe("failed");
            record.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == BigClip)
                .GetProperty("reason").GetString()!.ShouldContain("the destination is full");

            (await ExternalTool.RunAsync("mount", ["-o", "remount,size=8m", small])).ExitCode.ShouldBe(0);
            var rerun = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", small);

            rerun.ExitCode.ShouldBe(0, rerun.ToString());
            rerun.Output.ShouldContain($"Resuming restore {RestoreAssertions.RestoreId(full)}");
            rerun.Output.ShouldContain($"{RestoreTestBed.CardName}/{SmallClip} (verified earlier in this restore)");
            SampleCard.ShouldHoldExactCopyOf(card, bed.SourceCard);
            (await RestoreAssertions.RecordAsync(archivist, RestoreAssertions.RestoreId(full))).GetProperty("state").GetString().ShouldBe("done");
        }
        finally
        {
            await ExternalTool.RunAsync("umount", ["-l", small]);
        }
    }

    [Test]
    public async Task Restore_OfAnObjectDeletedFromTheStore_FailsThatFileNamingIt_AndRestoresTheRest()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true);
        await bed.IngestAsync();
        await bed.DeleteAsync("Sidecar.txt");
        var dest = Temp.Combine("restored");

        var result = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain($"{RestoreTestBed.CardName}/Sidecar.txt");
        result.Output.ShouldContain("MISSING from the store");
        result.Output.ShouldContain($"FAILED    {RestoreTestBed.CardName}/Sidecar.txt: missing from the store");
        var card = Path.Combine(dest, RestoreTestBed.CardName);
        File.Exists(Path.Combine(card, "Sidecar.txt")).ShouldBeFalse();
        File.ReadAllBytes(Path.Combine(card, BigClip)).ShouldBe(File.ReadAllBytes(Path.Combine(bed.SourceCard, BigClip)));
        using var archivist = bed.Api.WithToken(bed.ArchivistToken);
        var sidecar = (await RestoreAssertions.RecordAsync(archivist, RestoreAssertions.RestoreId(result))).GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("path").GetString() == "Sidecar.txt");
        sidecar.GetProperty("missing").GetBoolean().ShouldBeTrue();
        sidecar.GetProperty("result").GetString().ShouldBe("failed");
        sidecar.GetProperty("reason").GetString()!.ShouldContain("missing from the store");
    }

    [Test]
    public async Task Restore_OfACorruptedObject_FailsVerification_WritesNothingUnderItsName_AndTheReportAndMhlSaySo()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true);
        await bed.IngestAsync();
        await bed.CorruptAsync(SmallClip);
        var dest = Temp.Combine("restored");

        var result = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest);

        result.ExitCode.ShouldBe(1, result.ToString());
        var onSet = await ExternalTool.XxhsumAsync(Path.Combine(bed.SourceCard, SmallClip));
        result.Output.ShouldContain($"FAILED    {RestoreTestBed.CardName}/{SmallClip}: xxh64 of the bytes read is ");
        result.Output.ShouldContain($"on set it was {onSet}: the stored copy is damaged");
        var card = Path.Combine(dest, RestoreTestBed.CardName);
        File.Exists(Path.Combine(card, SmallClip)).ShouldBeFalse();
        RestoreAssertions.LeftoversIn(dest).ShouldBeEmpty();
        var generation = await RestoreAssertions.NewGenerationAsync(card, 1);
        var failed = generation.Files.Single(f => f.Path == SmallClip);
        failed.Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Failed);
        failed.GetHash("xxh64").ShouldNotBe(onSet);
        generation.Files.Single(f => f.Path == BigClip).Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Verified);

        using var administrator = bed.Api.CreateWriter();
        var audited = await RestoreAssertions.AuditedRestoresAsync(administrator, e => e.GetProperty("result").GetString() == "failed");
        audited.ShouldHaveSingleItem().GetProperty("detail").GetString()!.ShouldContain($"{RestoreTestBed.CardName}/{SmallClip}: xxh64 of the bytes read is");

        // Only what verified became a copy: the damaged clip has none in the restore folder.
        var copies = await administrator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/projects/{RestoreTestBed.Project}/copies");
        var restoredPaths = copies.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("where").EnumerateArray().Any(c => c.GetProperty("kind").GetString() == "restored"))
            .Select(i => i.GetProperty("path").GetString()).ToList();
        restoredPaths.ShouldContain(BigClip);
        restoredPaths.ShouldNotContain(SmallClip);
    }

    [Test]
    public async Task Restore_OfTheSameCardToTheSamePlace_WhileAnotherRuns_IsRefused_AndWritesNothing()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true);
        await bed.IngestAsync();
        var dest = Temp.Combine("restored");
        Directory.CreateDirectory(dest);
        // What a restore of this card into this folder holds while it runs (the agent's own lock, flock'd).
        using (new FileStream(Path.Combine(dest, $".mam-restore-{RestoreTestBed.CardName}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var second = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest);

            second.ExitCode.ShouldBe(4, second.ToString());
            second.Error.ShouldContain($"Another restore of card {RestoreTestBed.CardName} into {dest} is running right now");
            Directory.Exists(Path.Combine(dest, RestoreTestBed.CardName)).ShouldBeFalse("the refused restore wrote nothing");
            using var archivist = bed.Api.WithToken(bed.ArchivistToken);
            (await RestoreAssertions.RecordAsync(archivist, RestoreAssertions.RestoreId(second))).GetProperty("state").GetString().ShouldBe("planned");
        }

        var after = await bed.RestoreAsync("--card", bed.CardId.ToString(), "--dest", dest);
        after.ExitCode.ShouldBe(0, after.ToString());
    }
}
