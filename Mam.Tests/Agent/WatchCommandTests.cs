using Mam.Tests.Support;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class WatchCommandTests() : TempFolderTest("watch")
{
    [Test]
    public async Task Watch_Once_OffloadsEveryCardUnderRootWithThePreset()
    {
        var first = SampleCard.Create(Temp, "A001R1AB");
        var second = SampleCard.Create(Temp, "B001R2CD");
        var preset = Temp.WriteFile("preset.json", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"destinations":["{{Temp.Combine("raid")}}","{{Temp.Combine("shuttle")}}"],"verify":"source","hash":"xxh64,xxh128"}"""));

        var result = await Agent.RunAsync("watch", Temp.Combine("cards"), "--preset", preset, "--once", "--journal", Temp.Combine("journal.db"));

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var destination in new[] { "raid", "shuttle" })
        {
            SampleCard.ShouldHoldExactCopyOf(Temp.Combine(destination, "A001R1AB"), first);
            SampleCard.ShouldHoldExactCopyOf(Temp.Combine(destination, "B001R2CD"), second);
        }

        result.Output.ShouldContain("verify: source, hashes: xxh128,xxh64");
    }

    [TestCase("[]")]
    [TestCase("null")]
    [TestCase("[\" \"]")]
    public async Task Watch_WithPresetWithoutDestinations_ExitsWithUsageError(string destinations)
    {
        var preset = Temp.WriteFile("preset.json", System.Text.Encoding.UTF8.GetBytes($$"""{"destinations":{{destinations}}}"""));

        var result = await Agent.RunAsync("watch", Temp.Path, "--preset", preset, "--once");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--preset:");
        result.Error.ShouldContain("\"destinations\" must list at least one folder");
    }
}
