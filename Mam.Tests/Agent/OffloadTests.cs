using Mam.Tests.Support;
using System.Text;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class OffloadTests : TempFolderTest
{
    [Test]
    public async Task Offload_ToTwoDestinations_CopiesEveryFileByteForByteAndSealsEachWithValidMhl()
    {
        var card = SampleCard.Create(Temp);
        var shuttle = Temp.Combine("shuttle");
        var raid = Temp.Combine("raid");

        var result = await Agent.RunAsync("offload", card, "--dest", shuttle, "--dest", raid, "--project", "Feature", "--dit", "Dana");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Offload complete");
        foreach (var destination in new[] { shuttle, raid })
        {
            var copy = Path.Combine(destination, "A001R1AB");
            SampleCard.ShouldHoldExactCopyOf(copy, card);
            SampleCard.TempFilesLeftIn(copy).ShouldBeEmpty();

            var history = await MhlHistory.OpenAsync(copy, CancellationToken.None);
            var generationPath = history.GetGenerationPath(history.Generations.Single());
            Path.GetFileName(generationPath).ShouldMatch(@"^0001_A001R1AB_\d{4}-\d\d-\d\d_\d{6}Z\.mhl$");
            result.Output.ShouldContain(generationPath);
            AscMhlTestData.SchemaErrors(generationPath).ShouldBeEmpty();
            AscMhlTestData.SchemaErrors(history.ChainFilePath).ShouldBeEmpty();
            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, generationPath)).ShouldBeNull();
            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.DirectorySchema, history.ChainFilePath)).ShouldBeNull();

            var generation = await MhlGenerationReader.ReadAsync(generationPath, CancellationToken.None);
            generation.Process.ShouldBe(MhlProcess.Transfer);
            generation.Creator.ToolName.ShouldBe("mam-ingest-agent");
            generation.Creator.Authors.Single().Name.ShouldBe("Dana");
            // .DS_Store is copied (above) but, as ascmhl does, left out of the MHL.
            generation.Files.Select(f => f.Path).ShouldBe(["Clips/A001C001_261121_R1AB.mov", "Clips/A001C002_261121_R1AB.mov", "Sidecar.txt"]);
            foreach (var file in generation.Files)
            {
                var onDisk = Path.Combine(copy, file.Path);
                file.GetHash("xxh64").ShouldBe(await ExternalTool.XxhsumAsync(onDisk), file.Path);
                file.Size.ShouldBe(new FileInfo(onDisk).Length);
                file.Hashes.Single().Action.ShouldBe(MhlHashAction.Original);
            }
        }
    }

    [Test]
    public async Task Offload_KeepsSourceModificationTimesOnTheCopies()
    {
        var card = SampleCard.Create(Temp);
        var clip = Path.Combine(card, "Clips", "A001C002_261121_R1AB.mov");
        var shotAt = new DateTime(2026, 11, 21, 18, 30, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(clip, shotAt);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature");

        result.ExitCode.ShouldBe(0, result.ToString());
        File.GetLastWriteTimeUtc(Temp.Combine("d1", "A001R1AB", "Clips", "A001C002_261121_R1AB.mov")).ShouldBe(shotAt);
    }

    [Test]
    public async Task Offload_WithAwkwardNames_SpacesUnicodeNfcAndNfdDeepPathsAndEmptyFilesSurvive()
    {
        var card = Temp.Combine("cards", "DAY 01 Cämera B");
        var nfc = "Caf\u00e9 take 1.mov";
        var nfd = "Cafe\u0301 take 1.mov";
        var deep = string.Join('/', Enumerable.Range(1, 4).Select(i => $"level {i} {new string('x', 36)}")) + "/clip in a very deep folder with a long name.mov";
        var longName = new string('n', 250) + ".mov";
        deep.Length.ShouldBeGreaterThan(190);
        Temp.WriteFile(Path.Combine(card, nfc), Encoding.UTF8.GetBytes("composed"));
        Temp.WriteFile(Path.Combine(card, nfd), Encoding.UTF8.GetBytes("decomposed"));
        Temp.WriteFile(Path.Combine(card, deep), new byte[100_000]);
        Temp.WriteFile(Path.Combine(card, "Audio", longName), Encoding.UTF8.GetBytes("long name"));
        Temp.WriteFile(Path.Combine(card, "empty.txt"), []);
        Temp.WriteFile(Path.Combine(card, "東京", "空.bin"), []);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("out one"), "--dest", Temp.Combine("out two"), "--project", "Feature");

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var destination in new[] { "out one", "out two" })
        {
            var copy = Temp.Combine(destination, "DAY 01 Cämera B");
            SampleCard.ShouldHoldExactCopyOf(copy, card);
            Directory.GetFiles(copy).Select(Path.GetFileName).ShouldContain(nfc);
            Directory.GetFiles(copy).Select(Path.GetFileName).ShouldContain(nfd);
            var history = await MhlHistory.OpenAsync(copy, CancellationToken.None);
            var generationPath = history.GetGenerationPath(history.Generations.Single());
            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, generationPath)).ShouldBeNull();
            var generation = await MhlGenerationReader.ReadAsync(generationPath, CancellationToken.None);
            generation.Files.Select(f => f.Path).ShouldBe(
                new[] { nfc, nfd, deep, "Audio/" + longName, "empty.txt", "東京/空.bin" }.Order(StringComparer.Ordinal),
                ignoreOrder: true);
            generation.Files.Single(f => f.Path == "empty.txt").GetHash("xxh64").ShouldBe("ef46db3751d8e999");
        }
    }

    [Test]
    public async Task Offload_OfCardWithExistingHistory_CopiesItAndAppendsGeneration0002()
    {
        var reference = AscMhlTestData.Scenario("scenario_01", "travel_01", "A002R2EC");
        var card = Temp.Combine("cards", "A002R2EC");
        foreach (var file in SampleCard.Files(reference))
        {
            Temp.WriteFile(Path.Combine(card, file), File.ReadAllBytes(Path.Combine(reference, file)));
        }

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature");

        result.ExitCode.ShouldBe(0, result.ToString());
        var copy = Temp.Combine("d1", "A002R2EC");
        SampleCard.ShouldHoldExactCopyOf(copy, card);
        var chain = await MhlChainFile.ReadAsync(Path.Combine(copy, "ascmhl", "ascmhl_chain.xml"), CancellationToken.None);
        chain.Select(e => e.SequenceNumber).ShouldBe([1, 2]);
        chain[0].Path.ShouldBe("0001_A002R2EC_2020-01-16_091500Z.mhl");
        chain[0].C4.ShouldBe("c43qQABrjeiU3kteaNFtgwufQRLKxgMJEZfNSj6LcZ8fKwB568U8As9eScRsnb64NfqiAYzjNUXs81tAxPB77PUThb");
        chain[1].Path.ShouldStartWith("0002_A002R2EC_");
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.DirectorySchema, Path.Combine(copy, "ascmhl", "ascmhl_chain.xml"))).ShouldBeNull();

        var second = await MhlGenerationReader.ReadAsync(Path.Combine(copy, "ascmhl", chain[1].Path), CancellationToken.None);
        second.Files.Select(f => f.Path).ShouldBe(["Clips/A002C006_141024_R2EC.mov", "Clips/A002C007_141024_R2EC.mov", "Sidecar.txt"]);
        // The card's own history already recorded these hashes, so this generation confirms them.
        second.Files.ShouldAllBe(f => f.Hashes.Single().Action == MhlHashAction.Verified);
    }

    [Test]
    public async Task Offload_RunTwiceToTheSameDestination_AddsAVerifiedSecondGeneration()
    {
        var card = SampleCard.Create(Temp);
        var first = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature");
        first.ExitCode.ShouldBe(0, first.ToString());

        var again = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature");

        again.ExitCode.ShouldBe(0, again.ToString());
        var history = await MhlHistory.OpenAsync(Temp.Combine("d1", "A001R1AB"), CancellationToken.None);
        history.Generations.Select(g => g.SequenceNumber).ShouldBe([1, 2]);
        var generations = await history.ReadGenerationsAsync(CancellationToken.None);
        generations[1].Files.ShouldAllBe(f => f.Hashes.Single().Action == MhlHashAction.Verified);
    }
}
