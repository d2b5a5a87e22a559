using Mam.Tests.Support;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class WatchCommandTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder("watch");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Watch_Once_OffloadsEveryCardUnderRootWithThePreset()
    {
        var first = SampleCard.Create(_temp, "A001R1AB");
        var second = SampleCard.Create(_temp, "B001R2CD");
        var preset = _temp.WriteFile("preset.json", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"destinations":["{{_temp.Combine("raid")}}","{{_temp.Combine("shuttle")}}"],"verify":"source","hash":"xxh64,xxh128"}"""));

        var result = await Agent.RunAsync("watch", _temp.Combine("cards"), "--preset", preset, "--once", "--journal", _temp.Combine("journal.db"));

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var destination in new[] { "raid", "shuttle" })
        {
            SampleCard.ShouldHoldExactCopyOf(_temp.Combine(destination, "A001R1AB"), first);
            SampleCard.ShouldHoldExactCopyOf(_temp.Combine(destination, "B001R2CD"), second);
        }

        result.Output.ShouldContain("verify: source, hashes: xxh128,xxh64");
    }

    [Test]
    public async Task Watch_WithPresetWithoutDestinations_ExitsWithUsageError()
    {
        var preset = _temp.WriteFile("preset.json", "{\"destinations\":[]}"u8.ToArray());

        var result = await Agent.RunAsync("watch", _temp.Path, "--preset", preset, "--once");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--preset");
    }
}
