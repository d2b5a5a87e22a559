using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class VerifyCommandTests : TempFolderTest
{
    [TestCase("scenario_01", "travel_01", "A002R2EC")]
    [TestCase("scenario_02", "file_server", "A002R2EC")]
    [TestCase("scenario_03", "file_server", "A002R2EC")]
    [TestCase("scenario_05", "file_server", "Reels")]
    public async Task Verify_OnAscmhlReferenceHistory_PassesAndAppendsAValidVerifiedGeneration(string scenario, string drive, string folder)
    {
        var copy = CopyScenario(scenario, drive, folder);
        var before = (await MhlHistory.OpenAsync(copy, CancellationToken.None)).Generations.Count;

        var result = await Agent.RunAsync("verify", copy);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Verification passed.");
        var history = await MhlHistory.OpenAsync(copy, CancellationToken.None);
        history.Generations.Count.ShouldBe(before + 1);
        var newest = history.GetGenerationPath(history.Generations[^1]);
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, newest)).ShouldBeNull();
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.DirectorySchema, history.ChainFilePath)).ShouldBeNull();
        var generation = await MhlGenerationReader.ReadAsync(newest, CancellationToken.None);
        generation.Process.ShouldBe(MhlProcess.InPlace);
        generation.Files.ShouldNotBeEmpty();
        generation.Files.SelectMany(f => f.Hashes).ShouldAllBe(h => h.Action == MhlHashAction.Verified);
    }

    [Test]
    public async Task Verify_WhenAFileWasAlteredAfterItsHistoryWasWritten_ReportsItFailedInTheNewGenerationAndExitsWithOne()
    {
        var copy = CopyScenario("scenario_02", "file_server", "A002R2EC");
        var sidecar = Path.Combine(copy, "Sidecar.txt");
        var bytes = File.ReadAllBytes(sidecar);
        bytes[3] ^= 0x01;
        File.WriteAllBytes(sidecar, bytes);

        var result = await Agent.RunAsync("verify", copy);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("FAILED");
        result.Output.ShouldContain("Sidecar.txt: xxh64 recorded 3ab5a4166b9bde44");
        var history = await MhlHistory.OpenAsync(copy, CancellationToken.None);
        var generation = await MhlGenerationReader.ReadAsync(history.GetGenerationPath(history.Generations[^1]), CancellationToken.None);
        generation.Files.Single(f => f.Path == "Sidecar.txt").Hashes.Single().Action.ShouldBe(MhlHashAction.Failed);
        generation.Files.Single(f => f.Path == "Clips/A002C006_141024_R2EC.mov").Hashes.Single().Action.ShouldBe(MhlHashAction.Verified);
    }

    [Test]
    public async Task Verify_OnScenarioWhereAscmhlRecordedAMismatch_StillReportsTheAlteredFile()
    {
        var copy = CopyScenario("scenario_04", "file_server", "A002R2EC");

        var result = await Agent.RunAsync("verify", copy);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("Sidecar.txt");
    }

    [Test]
    public async Task Verify_ReportsMissingAndNewFiles()
    {
        var copy = CopyScenario("scenario_01", "travel_01", "A002R2EC");
        File.Delete(Path.Combine(copy, "Clips", "A002C007_141024_R2EC.mov"));
        File.WriteAllText(Path.Combine(copy, "Clips", "extra.txt"), "not on the card");
        File.WriteAllText(Path.Combine(copy, ".DS_Store"), "finder litter is ignored");

        var result = await Agent.RunAsync("verify", copy, "--no-generation");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("MISSING");
        result.Output.ShouldContain("A002C007_141024_R2EC.mov");
        result.Output.ShouldContain("NEW");
        result.Output.ShouldContain("extra.txt");
        result.Output.ShouldNotContain(".DS_Store");
        (await MhlHistory.OpenAsync(copy, CancellationToken.None)).Generations.Count.ShouldBe(1);
    }

    [Test]
    public async Task Verify_AfterOffload_WhenADestinationByteIsFlipped_CatchesIt()
    {
        var card = SampleCard.Create(Temp);
        var offload = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--hash", "xxh64,md5");
        offload.ExitCode.ShouldBe(0, offload.ToString());
        var clip = Temp.Combine("d1", "A001R1AB", "Clips", "A001C002_261121_R1AB.mov");
        using (var stream = new FileStream(clip, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 1000;
            var b = stream.ReadByte();
            stream.Position = 1000;
            stream.WriteByte((byte)(b ^ 0x80));
        }

        var result = await Agent.RunAsync("verify", Temp.Combine("d1", "A001R1AB"));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("Clips/A001C002_261121_R1AB.mov");
        var history = await MhlHistory.OpenAsync(Temp.Combine("d1", "A001R1AB"), CancellationToken.None);
        var generation = await MhlGenerationReader.ReadAsync(history.GetGenerationPath(history.Generations[^1]), CancellationToken.None);
        var entry = generation.Files.Single(f => f.Path == "Clips/A001C002_261121_R1AB.mov");
        entry.Hashes.Select(h => h.Format).ShouldBe(["md5", "xxh64"]);
        entry.Hashes.ShouldAllBe(h => h.Action == MhlHashAction.Failed);
    }

    [Test]
    public async Task Verify_OnFolderWithoutHistory_ExitsWithUsageError()
    {
        Temp.WriteFile(Path.Combine("plain", "a.txt"), [1, 2, 3]);

        var result = await Agent.RunAsync("verify", Temp.Combine("plain"));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("no ASC MHL history");
    }

    private string CopyScenario(string scenario, string drive, string folder)
    {
        var source = AscMhlTestData.Scenario(scenario, drive, folder);
        var target = Temp.Combine(scenario, folder);
        foreach (var file in SampleCard.Files(source))
        {
            var to = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(source, file), to);
        }

        return target;
    }
}
