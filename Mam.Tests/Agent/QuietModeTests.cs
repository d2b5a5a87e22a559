using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>--quiet is for scripts and cron jobs: nothing but problems (on stderr) and the one verdict line.</summary>
[TestFixture]
public sealed class QuietModeTests : TempFolderTest
{
    [Test]
    public async Task Offload_Quiet_WhenEverythingVerifies_PrintsOnlyTheVerdictLine()
    {
        var card = SampleCard.Create(Temp);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--dest", Temp.Combine("d2"), "--quiet");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.Trim().ShouldBe("Offload complete: every file verified on every destination.");
        result.Error.ShouldBeEmpty();
        SampleCard.ShouldHoldExactCopyOf(Temp.Combine("d2", "A001R1AB"), card);
    }

    [Test]
    public async Task Offload_Quiet_WhenAFileCannotBeRead_NamesItOnStderrAndEndsWithTheIncompleteVerdict()
    {
        var card = SampleCard.Create(Temp);
        File.CreateSymbolicLink(Path.Combine(card, "Clips", "A001C003_261121_R1AB.mov"), Temp.Combine("gone", "A001C003.mov"));

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--quiet");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.Trim().ShouldBe("Offload INCOMPLETE: not every file is verified on every destination (see above).");
        result.Error.ShouldContain("Clips/A001C003_261121_R1AB.mov: cannot read: Could not find file");
        File.Exists(Temp.Combine("d1", "A001R1AB", "Clips", "A001C001_261121_R1AB.mov")).ShouldBeTrue();
    }
}
