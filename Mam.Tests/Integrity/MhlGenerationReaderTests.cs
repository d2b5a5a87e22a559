using Mam.Integrity.Hashing;
using Mam.Integrity.AscMhl;

namespace Mam.Tests.Integrity;

[TestFixture]
public sealed class MhlGenerationReaderTests
{
    [Test]
    public async Task ReadAsync_OnReferenceFirstGeneration_ReturnsFilesSizesAndOriginalHashes()
    {
        var path = AscMhlTestData.Scenario("scenario_02", "file_server", "A002R2EC", "ascmhl", "0001_A002R2EC_2020-01-16_091500Z.mhl");

        var generation = await MhlGenerationReader.ReadAsync(path, CancellationToken.None);

        generation.Creator.ToolName.ShouldBe("ascmhl.py");
        generation.Creator.ToolVersion.ShouldBe("0.3 alpha");
        generation.Creator.Hostname.ShouldBe("myHost.local");
        generation.Creator.CreationDate.ShouldBe(new DateTimeOffset(2020, 1, 16, 9, 15, 0, TimeSpan.Zero));
        generation.Process.ShouldBe(MhlProcess.InPlace);
        generation.IgnorePatterns.ShouldBe([".DS_Store", "ascmhl", "ascmhl/"]);
        generation.Files.Select(f => (f.Path, f.Size, f.GetHash("xxh64"))).ShouldBe(
        [
            ("Clips/A002C006_141024_R2EC.mov", 5L, "0ea03b369a463d9d"),
            ("Clips/A002C007_141024_R2EC.mov", 4L, "7680e5f98f4a80fd"),
            ("Sidecar.txt", 58L, "3ab5a4166b9bde44"),
        ]);
        generation.Files.ShouldAllBe(f => f.Hashes.Single().Action == MhlHashAction.Original);
    }

    [Test]
    public async Task ReadAsync_OnReferenceSecondGeneration_ReturnsVerifiedActions()
    {
        var path = AscMhlTestData.Scenario("scenario_02", "file_server", "A002R2EC", "ascmhl", "0002_A002R2EC_2020-01-17_143000Z.mhl");

        var generation = await MhlGenerationReader.ReadAsync(path, CancellationToken.None);

        generation.Files.Count.ShouldBe(3);
        generation.Files.ShouldAllBe(f => f.Hashes.Single().Action == MhlHashAction.Verified);
        generation.Files[0].Hashes[0].HashDate.ShouldBe(new DateTimeOffset(2020, 1, 17, 14, 30, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task ReadAsync_OnSpecExampleWithAuthorsMetadataAndFailedHash_ReadsEveryFile()
    {
        var path = Path.Combine(AscMhlTestData.Folder, "examples", "0001_TEST01_2019-10-11_155603.mhl");

        var generation = await MhlGenerationReader.ReadAsync(path, CancellationToken.None);

        generation.Creator.Authors.Select(a => a.Name).ShouldBe(["Liz Foo", "Ben Zed"]);
        generation.Creator.Location.ShouldBe("Munich, Germany");
        generation.Files.Select(f => f.Path).ShouldBe(["Clips/A002C006_141024_R2EC.mov", "Clips/A002C007_141024_R2EC.mov", "Sidecar.txt"]);
        generation.Files[2].Hashes.Single().Action.ShouldBe(MhlHashAction.Failed);
    }

    [Test]
    public async Task ReferenceHistory_HashesMatchTheExampleFilesOnDisk()
    {
        var card = AscMhlTestData.Scenario("scenario_01", "travel_01", "A002R2EC");
        var history = await MhlHistory.OpenAsync(card, CancellationToken.None);
        var generation = (await history.ReadGenerationsAsync(CancellationToken.None)).Single();

        foreach (var file in generation.Files)
        {
            var onDisk = Path.Combine(card, file.Path);
            (await Xxh64.HashFileAsync(onDisk, CancellationToken.None)).ShouldBe(file.GetHash("xxh64"), file.Path);
            new FileInfo(onDisk).Length.ShouldBe(file.Size!.Value, file.Path);
        }
    }

    [Test]
    public void ReferenceExamples_ValidateAgainstTheSchemas()
    {
        var folder = AscMhlTestData.Scenario("scenario_02", "file_server", "A002R2EC", "ascmhl");

        AscMhlTestData.SchemaErrors(Path.Combine(folder, "0001_A002R2EC_2020-01-16_091500Z.mhl")).ShouldBeEmpty();
        AscMhlTestData.SchemaErrors(Path.Combine(folder, "ascmhl_chain.xml")).ShouldBeEmpty();
    }
}
