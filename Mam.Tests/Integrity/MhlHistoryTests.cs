using Mam.Tests.Support;
using Mam.Integrity.Hashing;
using Mam.Integrity.AscMhl;

namespace Mam.Tests.Integrity;

[TestFixture]
public sealed class MhlHistoryTests : TempFolderTest
{
    private static readonly DateTimeOffset FirstRun = new(2026, 11, 21, 20, 0, 5, TimeSpan.Zero);

    [Test]
    public async Task WriteNextGeneration_OnFreshFolder_WritesGeneration0001ThatValidatesAgainstTheSchema()
    {
        var card = CreateCard();
        var history = await MhlHistory.OpenAsync(card, CancellationToken.None);

        var written = await history.WriteNextGenerationAsync(await GenerationFor(card, FirstRun, MhlHashAction.Original), CancellationToken.None);

        written.SequenceNumber.ShouldBe(1);
        Path.GetFileName(written.FilePath).ShouldBe("0001_A001R1AB_2026-11-21_200005Z.mhl");
        Path.GetDirectoryName(written.FilePath).ShouldBe(Path.Combine(card, "ascmhl"));
        AscMhlTestData.SchemaErrors(written.FilePath).ShouldBeEmpty();
        AscMhlTestData.SchemaErrors(written.ChainFilePath).ShouldBeEmpty();
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, written.FilePath)).ShouldBeNull();
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.DirectorySchema, written.ChainFilePath)).ShouldBeNull();
    }

    [Test]
    public async Task WriteNextGeneration_Twice_Numbers0002AndChainListsBothWithTheirC4()
    {
        var card = CreateCard();
        var first = await (await MhlHistory.OpenAsync(card, CancellationToken.None))
            .WriteNextGenerationAsync(await GenerationFor(card, FirstRun, MhlHashAction.Original), CancellationToken.None);

        var reopened = await MhlHistory.OpenAsync(card, CancellationToken.None);
        var second = await reopened.WriteNextGenerationAsync(await GenerationFor(card, FirstRun.AddDays(1), MhlHashAction.Verified), CancellationToken.None);

        second.SequenceNumber.ShouldBe(2);
        Path.GetFileName(second.FilePath).ShouldBe("0002_A001R1AB_2026-11-22_200005Z.mhl");
        var chain = await MhlChainFile.ReadAsync(second.ChainFilePath, CancellationToken.None);
        chain.Select(e => (e.SequenceNumber, e.Path)).ShouldBe(
        [
            (1, Path.GetFileName(first.FilePath)),
            (2, Path.GetFileName(second.FilePath)),
        ]);
        chain[0].C4.ShouldBe(await C4Id.ComputeFileAsync(first.FilePath, CancellationToken.None));
        chain[1].C4.ShouldBe(await C4Id.ComputeFileAsync(second.FilePath, CancellationToken.None));
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.DirectorySchema, second.ChainFilePath)).ShouldBeNull();
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, second.FilePath)).ShouldBeNull();
    }

    [Test]
    public async Task WrittenGeneration_ReadsBackWithTheSameFilesHashesAndCreator()
    {
        var card = CreateCard();
        var generation = await GenerationFor(card, FirstRun, MhlHashAction.Original);
        var written = await (await MhlHistory.OpenAsync(card, CancellationToken.None)).WriteNextGenerationAsync(generation, CancellationToken.None);

        var read = await MhlGenerationReader.ReadAsync(written.FilePath, CancellationToken.None);

        read.Process.ShouldBe(MhlProcess.Transfer);
        read.IgnorePatterns.ShouldBe(MhlIgnoreRules.DefaultPatterns);
        read.Creator.ToolName.ShouldBe("mam-ingest-agent");
        read.Creator.Authors.Single().ShouldBe(new MhlAuthor("Dana DIT", Role: "DIT"));
        read.Files.Select(f => (f.Path, f.Size, f.GetHash("xxh64"))).ShouldBe(
            generation.Files.Select(f => (f.Path, f.Size, f.GetHash("xxh64"))));
        read.Files.ShouldAllBe(f => f.Hashes.Single().Action == MhlHashAction.Original && f.Hashes.Single().HashDate == FirstRun);
    }

    [Test]
    public async Task OpenAsync_WhenTheChainLacksAGenerationFile_NeverReusesItsNumber()
    {
        var card = CreateCard();
        var history = await MhlHistory.OpenAsync(card, CancellationToken.None);
        var first = await history.WriteNextGenerationAsync(await GenerationFor(card, FirstRun, MhlHashAction.Original), CancellationToken.None);
        File.Delete(first.ChainFilePath);

        var reopened = await MhlHistory.OpenAsync(card, CancellationToken.None);
        var second = await reopened.WriteNextGenerationAsync(await GenerationFor(card, FirstRun.AddHours(1), MhlHashAction.Verified), CancellationToken.None);

        second.SequenceNumber.ShouldBe(2);
        (await MhlChainFile.ReadAsync(second.ChainFilePath, CancellationToken.None)).Count.ShouldBe(2);
    }

    [Test]
    public async Task OpenAsync_OnReferenceHistory_SeesBothGenerationsAndNumbersTheNextThree()
    {
        var history = await MhlHistory.OpenAsync(AscMhlTestData.Scenario("scenario_02", "file_server", "A002R2EC"), CancellationToken.None);

        history.Generations.Select(g => g.SequenceNumber).ShouldBe([1, 2]);
        history.NextSequenceNumber.ShouldBe(3);
        (await history.ReadGenerationsAsync(CancellationToken.None)).Count.ShouldBe(2);
    }

    [Test]
    public void SchemaValidation_RejectsAnInvalidAction()
    {
        var path = Temp.WriteFile("bad.mhl", System.Text.Encoding.UTF8.GetBytes(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0">
              <creatorinfo><creationdate>2020-01-16T09:15:00+00:00</creationdate><hostname>h</hostname><tool>t</tool></creatorinfo>
              <processinfo><process>transfer</process></processinfo>
              <hashes><hash><path size="1">a</path><xxh64 action="copied">0ea03b369a463d9d</xxh64></hash></hashes>
            </hashlist>
            """));

        AscMhlTestData.SchemaErrors(path).ShouldNotBeEmpty();
    }

    private string CreateCard()
    {
        Temp.WriteFile(Path.Combine("A001R1AB", "Clips", "A001C001_261121_R1AB.mov"), [1, 2, 3, 4, 5]);
        Temp.WriteFile(Path.Combine("A001R1AB", "Clips", "A001C002 ünïcode & <xml>.mov"), []);
        Temp.WriteFile(Path.Combine("A001R1AB", "Sidecar.txt"), "sidecar"u8.ToArray());
        return Temp.Combine("A001R1AB");
    }

    private static async Task<MhlGeneration> GenerationFor(string card, DateTimeOffset when, MhlHashAction action)
    {
        var files = new List<MhlFileEntry>();
        foreach (var file in Directory.EnumerateFiles(card, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(card, file).Replace(Path.DirectorySeparatorChar, '/');
            if (MhlIgnoreRules.Default.IsIgnored(relative))
            {
                continue;
            }

            var info = new FileInfo(file);
            var hash = await Xxh64.HashFileAsync(file, CancellationToken.None);
            files.Add(new MhlFileEntry(relative, info.Length, info.LastWriteTimeUtc, [new MhlHashValue("xxh64", hash, action, when)]));
        }

        var creator = new MhlCreatorInfo(when, "dit-cart.local", "mam-ingest-agent", "1.0.0", [new MhlAuthor("Dana DIT", Role: "DIT")]);
        return new MhlGeneration(creator, MhlProcess.Transfer, MhlIgnoreRules.DefaultPatterns, files);
    }
}
