using Mam.Tests.Support;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class OffloadFailureTests : TempFolderTest
{
    [Test]
    public async Task Offload_WhenAFileCannotBeOpened_ReportsItCopiesTheRestAndExitsWithOne()
    {
        var card = SampleCard.Create(Temp);
        File.CreateSymbolicLink(Path.Combine(card, "Clips", "A001C003_261121_R1AB.mov"), Temp.Combine("gone", "A001C003.mov"));
        var dest = Temp.Combine("d1");

        var result = await Agent.RunAsync("offload", card, "--dest", dest, "--project", "Feature");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("Clips/A001C003_261121_R1AB.mov: cannot read: Could not find file");
        result.Output.ShouldContain("Offload INCOMPLETE");
        var copy = Path.Combine(dest, "A001R1AB");
        File.Exists(Path.Combine(copy, "Clips", "A001C003_261121_R1AB.mov")).ShouldBeFalse();
        SampleCard.TempFilesLeftIn(copy).ShouldBeEmpty();
        await ShouldListInMhl(copy, ["Clips/A001C001_261121_R1AB.mov", "Clips/A001C002_261121_R1AB.mov", "Sidecar.txt"]);
    }

    [Test]
    public async Task Offload_WhenAFileIsNotReadableByTheUser_ReportsItWithTheOsErrorAndExitsWithOne()
    {
        Assume.That(!OperatingSystem.IsWindows() && Environment.UserName != "root", "root reads chmod 000 files; the symlink test covers this as root");
        var card = SampleCard.Create(Temp);
        var locked = Path.Combine(card, "Clips", "A001C002_261121_R1AB.mov");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(locked, UnixFileMode.None);
        }

        var dest = Temp.Combine("d1");

        var result = await Agent.RunAsync("offload", card, "--dest", dest, "--project", "Feature");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("Clips/A001C002_261121_R1AB.mov: cannot read:");
        SampleCard.TempFilesLeftIn(Path.Combine(dest, "A001R1AB")).ShouldBeEmpty();
        await ShouldListInMhl(Path.Combine(dest, "A001R1AB"), ["Clips/A001C001_261121_R1AB.mov", "Sidecar.txt"]);
    }

    [Test]
    public async Task Offload_WhenOneDestinationIsARegularFile_ThatDestinationFailsAloneAndExitsWithOne()
    {
        var card = SampleCard.Create(Temp);
        var notAFolder = Temp.WriteFile("not-a-drive", [1]);
        var good = Temp.Combine("good");

        var result = await Agent.RunAsync("offload", card, "--dest", notAFolder, "--dest", good, "--project", "Feature");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain($"FAILED {Path.Combine(notAFolder, "A001R1AB")}");
        File.ReadAllBytes(notAFolder).ShouldBe([1]);
        SampleCard.ShouldHoldExactCopyOf(Path.Combine(good, "A001R1AB"), card);
        await ShouldListInMhl(Path.Combine(good, "A001R1AB"), ["Clips/A001C001_261121_R1AB.mov", "Clips/A001C002_261121_R1AB.mov", "Sidecar.txt"]);
    }

    [Test]
    public async Task Offload_WhenOneDestinationIsUnderProc_ThatDestinationFailsAloneAndExitsWithOne()
    {
        var card = SampleCard.Create(Temp);
        var good = Temp.Combine("good");
        var proc = "/proc/mam-tests-" + Guid.NewGuid().ToString("N");

        var result = await Agent.RunAsync("offload", card, "--dest", good, "--dest", proc, "--project", "Feature");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain($"FAILED {proc}/A001R1AB");
        Directory.Exists(proc).ShouldBeFalse();
        SampleCard.ShouldHoldExactCopyOf(Path.Combine(good, "A001R1AB"), card);
        await ShouldListInMhl(Path.Combine(good, "A001R1AB"), ["Clips/A001C001_261121_R1AB.mov", "Clips/A001C002_261121_R1AB.mov", "Sidecar.txt"]);
    }

    private static async Task ShouldListInMhl(string copy, string[] expected)
    {
        var history = await MhlHistory.OpenAsync(copy, CancellationToken.None);
        var generationPath = history.GetGenerationPath(history.Generations.Single());
        AscMhlTestData.SchemaErrors(generationPath).ShouldBeEmpty();
        var generation = await MhlGenerationReader.ReadAsync(generationPath, CancellationToken.None);
        generation.Files.Select(f => f.Path).ShouldBe(expected);
    }
}
