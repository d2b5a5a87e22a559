using Ingest.Agent.Cards;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class CardIdentityTests
{
    [TestCase("A001R1AB", "A", "A001")]
    [TestCase("B012R3XZ", "B", "B012")]
    public void FromFolderName_WithArriReelName_GuessesCameraAndRoll(string name, string camera, string roll)
    {
        CardIdentity.FromFolderName(name).ShouldBe(new CardIdentity(name, camera, roll));
    }

    [TestCase("DCIM")]
    [TestCase("A001R1AB_backup")]
    [TestCase("a001r1ab")]
    [TestCase("Day 1 Card 3")]
    public void FromFolderName_WithOtherNames_KeepsTheNameWithoutCameraOrRoll(string name)
    {
        CardIdentity.FromFolderName(name).ShouldBe(new CardIdentity(name, null, null));
    }
}
