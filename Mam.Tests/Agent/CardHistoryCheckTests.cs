using Mam.Integrity.AscMhl;
using Mam.Integrity.Hashing;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>
/// A card that already carries an ASC MHL history (written on set by ascmhl, whose default is
/// xxh128, or by another tool in md5, sha1 or c4) is checked against it in every format it holds,
/// whatever --hash asked for. ascmhl itself cannot be installed here (PyPI is unreachable): the
/// card's history is written by our own writer the way ascmhl writes one, and the results are read
/// back with our reader and validated with xmllint against ASC's schema.
/// </summary>
[TestFixture]
public sealed class CardHistoryCheckTests : TempFolderTest
{
    private const string Flipped = "Clips/A001C002_261121_R1AB.mov";

    [TestCase(HashFormats.Xxh128)]
    [TestCase(HashFormats.Md5)]
    [TestCase(HashFormats.Sha1)]
    [TestCase(HashFormats.C4)]
    public async Task Offload_WhenAByteFlippedOnACardWithAHistoryInAnotherFormat_FailsThatFileNamingFormatRecordedAndReadValues(string format)
    {
        var card = await CardWithHistoryAsync(format);
        var recorded = HashOf(format, Path.Combine(card, Flipped));
        FlipOneByteKeepingSizeAndTime(Path.Combine(card, Flipped));
        var read = HashOf(format, Path.Combine(card, Flipped));

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain($"{Flipped}: differs from the card's ASC MHL history: {format} recorded {recorded}, read {read}");
        result.Output.ShouldContain("Offload INCOMPLETE");
        result.Output.ShouldNotContain("Offload complete");

        var copy = Temp.Combine("d1", "A001R1AB");
        // The copy holds what the card holds: nothing is thrown away, but nothing calls it good either.
        File.ReadAllBytes(Path.Combine(copy, Flipped)).ShouldBe(File.ReadAllBytes(Path.Combine(card, Flipped)));
        var generation = await NewestGenerationAsync(copy);
        var bad = generation.Files.Single(f => f.Path == Flipped);
        bad.Hashes.Select(h => h.Format).ShouldBe([format]);
        bad.Hashes.Single().Value.ShouldBe(read);
        bad.Hashes.Single().Action.ShouldBe(MhlHashAction.Failed);
        foreach (var good in generation.Files.Where(f => f.Path != Flipped))
        {
            good.Hashes.Single(h => h.Format == format).Action.ShouldBe(MhlHashAction.Verified, good.Path);
            good.Hashes.Single(h => h.Format == HashFormats.Xxh64).Action.ShouldBe(MhlHashAction.Original, good.Path);
        }

        var report = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(copy, "ascmhl"), "0002_*.report.json").Single());
        report.ShouldContain("\"historyMismatch\"");
        report.ShouldContain("\"allVerified\": false");
    }

    [Test]
    public async Task Offload_OfAnIntactCardWithAnXxh128History_ChecksItInTheSameReadAndRecordsXxh128VerifiedWithDirectoryHashes()
    {
        var card = await CardWithHistoryAsync(HashFormats.Xxh128);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Offload complete");
        var copy = Temp.Combine("d1", "A001R1AB");
        var newest = await NewestGenerationPathAsync(copy);
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, newest)).ShouldBeNull();
        var generation = await MhlGenerationReader.ReadAsync(newest, CancellationToken.None);
        generation.Files.Select(f => f.Path).ShouldBe(["Clips/A001C001_261121_R1AB.mov", Flipped, "Sidecar.txt"]);
        generation.Files.ShouldAllBe(f => f.Hashes.Single(h => h.Format == HashFormats.Xxh128).Action == MhlHashAction.Verified);
        generation.RootHashes.Select(h => h.Format).ShouldBe([HashFormats.Xxh128, HashFormats.Xxh64]);
        var first = await MhlGenerationReader.ReadAsync(Directory.GetFiles(Path.Combine(copy, "ascmhl"), "0001_*.mhl").Single(), CancellationToken.None);
        generation.RootHashes[0].Content.ShouldBe(first.RootHashes.Single().Content);
    }

    [Test]
    public async Task Offload_OfACardWhoseHistoryHoldsOnlyC4_WritesC4DirectoryAndRootHashesThatMatchTheCardsOwn()
    {
        var card = await CardWithHistoryAsync(HashFormats.C4);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature");

        result.ExitCode.ShouldBe(0, result.ToString());
        var copy = Temp.Combine("d1", "A001R1AB");
        var newest = await NewestGenerationPathAsync(copy);
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, newest)).ShouldBeNull();
        var generation = await MhlGenerationReader.ReadAsync(newest, CancellationToken.None);
        var first = await MhlGenerationReader.ReadAsync(Directory.GetFiles(Path.Combine(copy, "ascmhl"), "0001_*.mhl").Single(), CancellationToken.None);
        var rootC4 = generation.RootHashes.Single(h => h.Format == HashFormats.C4);
        rootC4.Content.ShouldBe(first.RootHashes.Single().Content);
        rootC4.Structure.ShouldBe(first.RootHashes.Single().Structure);
        generation.Directories.Single(d => d.Path == "Clips").Hashes.Single(h => h.Format == HashFormats.C4).Content
            .ShouldBe(first.Directories.Single(d => d.Path == "Clips").Hashes.Single().Content);
    }

    [Test]
    public async Task Verify_OfAFolderWhoseHistoryHoldsOnlyC4_AppendsAGenerationWithC4DirectoryAndRootHashes()
    {
        var card = await CardWithHistoryAsync(HashFormats.C4);

        var result = await Agent.RunAsync("verify", card);

        result.ExitCode.ShouldBe(0, result.ToString());
        var newest = await NewestGenerationPathAsync(card);
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, newest)).ShouldBeNull();
        var generation = await MhlGenerationReader.ReadAsync(newest, CancellationToken.None);
        generation.Files.SelectMany(f => f.Hashes).ShouldAllBe(h => h.Format == HashFormats.C4 && h.Action == MhlHashAction.Verified);
        var first = await MhlGenerationReader.ReadAsync(Directory.GetFiles(Path.Combine(card, "ascmhl"), "0001_*.mhl").Single(), CancellationToken.None);
        generation.RootHashes.ShouldHaveSingleItem().Content.ShouldBe(first.RootHashes.Single().Content);
        generation.Directories.Single(d => d.Path == "Clips").Hashes.ShouldHaveSingleItem().Format.ShouldBe(HashFormats.C4);
    }

    /// <summary>The sample card with a first generation in one format, as ascmhl create -h FORMAT writes it.</summary>
    private async Task<string> CardWithHistoryAsync(string format)
    {
        var card = SampleCard.Create(Temp);
        var hashedAt = new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);
        var files = SampleCard.Files(card)
            .Where(f => !MhlIgnoreRules.Default.IsIgnored(f))
            .Select(f =>
            {
                var full = Path.Combine(card, f);
                return new MhlFileEntry(f, new FileInfo(full).Length, File.GetLastWriteTimeUtc(full), [new MhlHashValue(format, HashOf(format, full), MhlHashAction.Original, hashedAt)]);
            })
            .ToList();
        var (root, directories) = MhlDirectoryHashes.Compute(files, hashedAt);
        var history = await MhlHistory.OpenAsync(card, CancellationToken.None);
        await history.WriteNextGenerationAsync(
            new MhlGeneration(new MhlCreatorInfo(hashedAt, "camera-cart", "ascmhl", "1.2", []), MhlProcess.InPlace, MhlIgnoreRules.DefaultPatterns, files)
            {
                RootHashes = root,
                Directories = directories,
            },
            CancellationToken.None);
        return card;
    }

    private static string HashOf(string format, string path)
    {
        using var hasher = HashFormats.Create(format);
        hasher.Append(File.ReadAllBytes(path));
        return hasher.GetHashText();
    }

    /// <summary>Bit rot: one byte differs, size and modification time stay.</summary>
    private static void FlipOneByteKeepingSizeAndTime(string path)
    {
        var modified = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        bytes[1000] ^= 0x20;
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, modified);
    }

    private static async Task<string> NewestGenerationPathAsync(string folder)
    {
        var history = await MhlHistory.OpenAsync(folder, CancellationToken.None);
        return history.GetGenerationPath(history.Generations[^1]);
    }

    private static async Task<MhlGeneration> NewestGenerationAsync(string folder) =>
        await MhlGenerationReader.ReadAsync(await NewestGenerationPathAsync(folder), CancellationToken.None);
}
