using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>
/// The single-file builds a DIT installs (infra/publish-agent.sh): the linux-x64 one runs here; the
/// macOS and Windows ones cannot, so their headers are checked instead.
/// </summary>
[TestFixture]
public sealed class PublishedAgentTests() : TempFolderTest("published-agent")
{
    [Test]
    public async Task PublishedLinuxAgent_Help_ListsEveryCommand()
    {
        var result = await AgentProcess.RunAsync(PublishedAgent.LinuxX64(Temp), "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var command in new[] { "offload <SOURCE>", "verify <DIR>", "upload <DIR>", "status", "watch <ROOT>" })
        {
            result.Output.ShouldContain(command);
        }
    }

    [Test]
    public async Task PublishedLinuxAgent_OffloadsACardToTwoDestinations_AndSealsEachWithAnMhlThatXxhsumConfirms()
    {
        var card = SampleCard.Create(Temp);
        var journal = Temp.Combine("journal", "journal.db");
        var agent = PublishedAgent.LinuxX64(Temp);

        var result = await AgentProcess.RunAsync(agent, "offload", card, "--dest", Temp.Combine("shuttle"), "--dest", Temp.Combine("raid"), "--dit", "Dana", "--journal", journal);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Offload complete");
        foreach (var destination in new[] { "shuttle", "raid" })
        {
            var copy = Temp.Combine(destination, "A001R1AB");
            SampleCard.ShouldHoldExactCopyOf(copy, card);
            SampleCard.TempFilesLeftIn(copy).ShouldBeEmpty();
            var history = await MhlHistory.OpenAsync(copy, CancellationToken.None);
            var generationPath = history.GetGenerationPath(history.Generations.Single());
            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, generationPath)).ShouldBeNull();
            var generation = await MhlGenerationReader.ReadAsync(generationPath, CancellationToken.None);
            generation.Files.Select(f => f.Path).ShouldBe(["Clips/A001C001_261121_R1AB.mov", "Clips/A001C002_261121_R1AB.mov", "Sidecar.txt"]);
            foreach (var file in generation.Files)
            {
                file.GetHash("xxh64").ShouldBe(await ExternalTool.XxhsumAsync(Path.Combine(copy, file.Path)), file.Path);
            }
        }

        // The journal is SQLite, whose native library travels inside the single file.
        var status = await AgentProcess.RunAsync(PublishedAgent.LinuxX64(Temp), "status", "--journal", journal);
        status.ExitCode.ShouldBe(0, status.ToString());
        status.Output.ShouldContain("offload done");
    }

    [TestCase("osx-arm64", "Mach-O", "arm64")]
    [TestCase("osx-x64", "Mach-O", "x64")]
    [TestCase("win-x64", "PE", "x64")]
    [TestCase("linux-x64", "ELF", "x64")]
    public void PublishedBuild_IsOneNativeConsoleExecutableForItsSystem(string runtimeIdentifier, string format, string processor)
    {
        var path = PublishedAgent.Require(runtimeIdentifier);

        var header = ExecutableHeader.Read(path);

        header.Format.ShouldBe(format);
        header.Processor.ShouldBe(processor);
        header.Console.ShouldBeTrue();
        if (format == "Mach-O")
        {
            // Without a signature (ad-hoc is enough) macOS on Apple Silicon kills the agent at start.
            header.HasCodeSignature.ShouldBeTrue("a macOS build must carry a code signature");
        }

        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path], "the build is one file, nothing to install beside it");
    }
}
