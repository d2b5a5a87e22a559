using Mam.Tests.Support;
namespace Mam.Tests.Agent;

[TestFixture]
public sealed class CommandLineTests
{
    [TestCase("offload", "--verify")]
    [TestCase("offload", "--hash")]
    [TestCase("offload", "--no-upload")]
    [TestCase("verify", "DIR")]
    [TestCase("upload", "--project")]
    [TestCase("status", "--journal")]
    public async Task Help_OnEveryCommand_DescribesItsOptions(string command, string expected)
    {
        var result = await Agent.RunAsync(command, "--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain(expected);
    }

    [Test]
    public async Task Offload_WithUnknownHashFormat_ExitsWithUsageError()
    {
        // Refused before either folder is looked at.
        var result = await Agent.RunAsync("offload", TestScratch.Combine("no-card"), "--dest", TestScratch.Combine("no-dest"), "--hash", "crc32");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("crc32");
    }

    [Test]
    public async Task Status_WithEmptyJournalFolder_SaysNothingRanYet()
    {
        var journal = TestScratch.Combine($"journal-{Guid.NewGuid():N}", "journal.db");

        var result = await Agent.RunAsync("status", "--journal", journal);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("nothing has run yet");
    }
}
