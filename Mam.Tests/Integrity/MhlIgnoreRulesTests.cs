using Mam.Integrity.AscMhl;

namespace Mam.Tests.Integrity;

[TestFixture]
public sealed class MhlIgnoreRulesTests
{
    [TestCase(".DS_Store")]
    [TestCase("Clips/.DS_Store")]
    [TestCase("._A001C001.mov")]
    [TestCase("ascmhl/0001_A001R1AB_2026-01-01_120000Z.mhl")]
    [TestCase(".Spotlight-V100/Store-V2/x")]
    [TestCase(".Trashes/501/junk")]
    [TestCase(".fseventsd/fseventsd-uuid")]
    public void Default_LeavesOutOsLitterAndTheHistoryItself(string path)
    {
        MhlIgnoreRules.Default.IsIgnored(path).ShouldBeTrue();
    }

    [TestCase("Clips/A001C001_260101_R1AB.mov")]
    [TestCase("Sidecar.txt")]
    [TestCase("Clips/my ascmhl notes.txt")]
    [TestCase("Clips/DS_Store.mov")]
    public void Default_KeepsCardFiles(string path)
    {
        MhlIgnoreRules.Default.IsIgnored(path).ShouldBeFalse();
    }

    [Test]
    public void FolderPattern_DoesNotMatchAFileOfThatName()
    {
        var rules = new MhlIgnoreRules(["cache/"]);

        rules.IsIgnored("cache").ShouldBeFalse();
        rules.IsIgnored("cache/x.bin").ShouldBeTrue();
    }
}
