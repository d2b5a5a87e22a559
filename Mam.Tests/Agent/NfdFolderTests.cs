using System.Diagnostics;
using System.Text;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>
/// Bad input from a Mac: folders named in decomposed Unicode (NFD: "e" + U+0301 for "é"), as HFS+
/// stored every name and as Finder and many cameras' tools still write them on APFS. The agent is
/// started from inside such a folder, with relative paths, as a DIT in a terminal would.
/// </summary>
[TestFixture]
public sealed class NfdFolderTests() : TempFolderTest("nfd")
{
    private const string Shoot = "Cafe\u0301 Shoot";
    private const string CardName = "Sce\u0300ne 1";
    private const string NfdClip = "Clips/Cafe\u0301 take 1.mov";

    [TestCase("built")]
    [TestCase("published")]
    public async Task Offload_FromAFolderNamedInNfd_CopiesEverythingAndRecordsNamesExactlyAsTheFileSystemHasThem(string build)
    {
        var shoot = Temp.Combine(Shoot);
        var card = Path.Combine(shoot, CardName);
        var random = new Random(7);
        foreach (var (file, size) in new[] { (NfdClip, 200_000), ("Clips/A001C001_261121_R1AB.mov", (1024 * 1024) + 5), ("Notes e\u0301te\u0301.txt", 12) })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            Temp.WriteFile(Path.Combine(Shoot, CardName, file), bytes);
        }

        var before = SampleCard.Files(card);
        var agent = Launch(build, workingDirectory: shoot);

        // Relative paths throughout: the card, two destinations with NFD names, and the journal.
        var result = await AgentProcess.RunAsync(agent, "offload", CardName, "--dest", "Re\u0301serve", "--dest", "Navette e\u0301quipe", "--journal", "journal.db");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Offload complete");
        SampleCard.Files(card).ShouldBe(before, "the card is left as it was");
        foreach (var destination in new[] { "Re\u0301serve", "Navette e\u0301quipe" })
        {
            var copy = Path.Combine(shoot, destination, CardName);
            SampleCard.ShouldHoldExactCopyOf(copy, card);
            SampleCard.TempFilesLeftIn(copy).ShouldBeEmpty();

            var history = await MhlHistory.OpenAsync(copy, CancellationToken.None);
            var generationPath = history.GetGenerationPath(history.Generations.Single());
            // ascmhl names a generation after the folder as the file system spells it, and so do we.
            Path.GetFileName(generationPath).ShouldStartWith($"0001_{CardName}_");
            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, generationPath)).ShouldBeNull();
            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.DirectorySchema, history.ChainFilePath)).ShouldBeNull();

            // Paths are recorded byte for byte as listed (no NFC rewrite): on Linux, where names are
            // bytes, that is the only spelling that finds the file again; macOS finds either.
            var generation = await MhlGenerationReader.ReadAsync(generationPath, CancellationToken.None);
            generation.Files.Select(f => f.Path).ShouldBe(["Clips/A001C001_261121_R1AB.mov", NfdClip, "Notes e\u0301te\u0301.txt"], ignoreOrder: true);
            generation.Files.Single(f => f.Path.StartsWith("Clips/Cafe", StringComparison.Ordinal)).Path.IsNormalized(NormalizationForm.FormD).ShouldBeTrue();
            foreach (var file in generation.Files)
            {
                file.GetHash("xxh64").ShouldBe(await ExternalTool.XxhsumAsync(Path.Combine(copy, file.Path)), file.Path);
            }
        }

        var verify = await AgentProcess.RunAsync(Launch(build, workingDirectory: shoot), "verify", Path.Combine("Re\u0301serve", CardName), "--no-generation");
        verify.ExitCode.ShouldBe(0, verify.ToString());
        verify.Output.ShouldContain("3 verified, 0 failed, 0 missing, 0 new.");
    }

    private ProcessStartInfo Launch(string build, string workingDirectory)
    {
        if (build == "published")
        {
            return PublishedAgent.LinuxX64(Temp, workingDirectory);
        }

        var start = AgentProcess.BuiltAgent();
        start.WorkingDirectory = workingDirectory;
        return start;
    }
}
