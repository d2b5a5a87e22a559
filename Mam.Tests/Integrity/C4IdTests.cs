using Mam.Integrity.AscMhl;

namespace Mam.Tests.Integrity;

[TestFixture]
public sealed class C4IdTests
{
    [TestCase("0001_A002R2EC_2020-01-16_091500Z.mhl", "c43qQABrjeiU3kteaNFtgwufQRLKxgMJEZfNSj6LcZ8fKwB568U8As9eScRsnb64NfqiAYzjNUXs81tAxPB77PUThb")]
    [TestCase("0002_A002R2EC_2020-01-17_143000Z.mhl", "c45kfAU9bNHnT32pMzSdio6Qb7us3xkd65ff8uAvJcgdkpoQZUKoPFckwtVHozxgftZj4uUoXrRiAiwSqNGAxLUAKM")]
    public async Task ComputeFileAsync_OnReferenceGeneration_EqualsTheIdInItsChainFile(string generation, string expected)
    {
        var folder = AscMhlTestData.Scenario("scenario_02", "file_server", "A002R2EC", "ascmhl");
        var chain = await MhlChainFile.ReadAsync(Path.Combine(folder, "ascmhl_chain.xml"), CancellationToken.None);

        var id = await C4Id.ComputeFileAsync(Path.Combine(folder, generation), CancellationToken.None);

        id.ShouldBe(expected);
        chain.Single(e => e.Path == generation).C4.ShouldBe(id);
    }

    [Test]
    public void Compute_IsAlways90CharactersWithC4Prefix()
    {
        var id = C4Id.Compute([]);

        id.Length.ShouldBe(90);
        id.ShouldMatch("^c4[1-9A-HJ-NP-Za-km-z]{88}$");
    }

    [Test]
    public void ToSha512_OfAComputedId_GivesBackTheSha512Digest()
    {
        var data = "A002C006_141024_R2EC.mov"u8.ToArray();

        C4Id.ToSha512(C4Id.Compute(data)).ShouldBe(System.Security.Cryptography.SHA512.HashData(data));
        C4Id.ToSha512(C4Id.Compute([])).ShouldBe(System.Security.Cryptography.SHA512.HashData(Array.Empty<byte>()));
    }

    [TestCase("c4")]
    [TestCase("xxh64")]
    [TestCase("c40000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public void ToSha512_OfSomethingElse_SaysItIsNotAC4Id(string value)
    {
        Should.Throw<FormatException>(() => C4Id.ToSha512(value)).Message.ShouldContain("is not a C4 ID");
    }
}
