using Mam.Tests.Support;
using Mam.Integrity.AscMhl;

namespace Mam.Tests.Integrity;

[TestFixture]
public sealed class MhlDirectoryHashesTests
{
    [Test]
    public async Task Compute_OnReferenceScenario_EqualsTheDirectoryAndRootHashesAscmhlWrote()
    {
        var path = AscMhlTestData.Scenario("scenario_02", "file_server", "A002R2EC", "ascmhl", "0002_A002R2EC_2020-01-17_143000Z.mhl");
        var reference = await MhlGenerationReader.ReadAsync(path, CancellationToken.None);

        var (root, directories) = MhlDirectoryHashes.Compute(reference.Files, DateTimeOffset.UnixEpoch);

        reference.RootHashes.ShouldNotBeEmpty();
        root.Select(h => (h.Format, h.Content, h.Structure)).ShouldBe(reference.RootHashes.Select(h => (h.Format, h.Content, h.Structure)));
        directories.Select(d => (d.Path, d.Hashes.Single().Content, d.Hashes.Single().Structure))
            .ShouldBe(reference.Directories.Select(d => (d.Path, d.Hashes.Single().Content, d.Hashes.Single().Structure)));
    }

    [Test]
    public async Task Writer_WithDirectoryHashes_WritesSchemaValidMhl()
    {
        var path = AscMhlTestData.Scenario("scenario_02", "file_server", "A002R2EC", "ascmhl", "0002_A002R2EC_2020-01-17_143000Z.mhl");
        var reference = await MhlGenerationReader.ReadAsync(path, CancellationToken.None);
        var (root, directories) = MhlDirectoryHashes.Compute(reference.Files, DateTimeOffset.UnixEpoch);
        var generation = reference with { RootHashes = root, Directories = directories };
        var output = TestScratch.Combine($"dirhash-{Guid.NewGuid():N}.mhl");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        try
        {
            await using (var stream = File.Create(output))
            {
                await MhlGenerationWriter.WriteAsync(stream, generation, CancellationToken.None);
            }

            AscMhlTestData.SchemaErrors(output).ShouldBeEmpty();
            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, output)).ShouldBeNull();
            var text = await File.ReadAllTextAsync(output);
            text.IndexOf("<directoryhash>", StringComparison.Ordinal).ShouldBeGreaterThan(text.IndexOf("A002C007_141024_R2EC.mov", StringComparison.Ordinal));
            text.IndexOf("<directoryhash>", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("Sidecar.txt", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Test]
    public void Compute_OnAHistoryHoldingOnlyC4_GivesC4DirectoryAndRootHashesAsAscmhlDerivesThem()
    {
        // ascmhl hashes a c4 value's 64-byte digest (C4.bytes_from_string_digest), not its text.
        var clip = C4Id.Compute("clip"u8);
        var sidecar = C4Id.Compute("sidecar"u8);
        var files = new[]
        {
            new MhlFileEntry("Clips/A001C001.mov", 4, null, [new MhlHashValue("c4", clip, MhlHashAction.Original, null)]),
            new MhlFileEntry("Sidecar.txt", 7, null, [new MhlHashValue("c4", sidecar, MhlHashAction.Original, null)]),
        };

        var (root, directories) = MhlDirectoryHashes.Compute(files, DateTimeOffset.UnixEpoch);

        static byte[] Digest(string c4) => C4Id.ToSha512(c4);
        static string C4Of(params byte[][] parts) => C4Id.Compute(parts.SelectMany(p => p).ToArray());
        static byte[][] Sorted(params byte[][] parts) => [.. parts.OrderBy(p => p, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))];
        var clipsContent = C4Of(Digest(clip));
        var clipsStructure = C4Of(Digest(C4Of("A001C001.mov"u8.ToArray(), Digest(clip))));
        var clipsFolder = directories.ShouldHaveSingleItem();
        clipsFolder.Path.ShouldBe("Clips");
        clipsFolder.Hashes.ShouldHaveSingleItem().Format.ShouldBe("c4");
        clipsFolder.Hashes[0].Content.ShouldBe(clipsContent);
        clipsFolder.Hashes[0].Structure.ShouldBe(clipsStructure);

        var rootHash = root.ShouldHaveSingleItem();
        rootHash.Content.ShouldBe(C4Of(Sorted(Digest(sidecar), Digest(clipsContent))));
        rootHash.Structure.ShouldBe(C4Of(Sorted(
            Digest(C4Of("Sidecar.txt"u8.ToArray(), Digest(sidecar))),
            Digest(C4Of("Clips"u8.ToArray(), Digest(clipsStructure))))));
    }

    [Test]
    public async Task Writer_WithC4DirectoryHashes_WritesSchemaValidMhl()
    {
        var files = new[] { new MhlFileEntry("Clips/A001C001.mov", 4, null, [new MhlHashValue("c4", C4Id.Compute("clip"u8), MhlHashAction.Original, DateTimeOffset.UnixEpoch)]) };
        var (root, directories) = MhlDirectoryHashes.Compute(files, DateTimeOffset.UnixEpoch);
        var generation = new MhlGeneration(new MhlCreatorInfo(DateTimeOffset.UnixEpoch, "host", "test", "1", []), MhlProcess.InPlace, [], files)
        {
            RootHashes = root,
            Directories = directories,
        };
        var output = TestScratch.Combine($"dirhash-c4-{Guid.NewGuid():N}.mhl");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        try
        {
            await using (var stream = File.Create(output))
            {
                await MhlGenerationWriter.WriteAsync(stream, generation, CancellationToken.None);
            }

            (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, output)).ShouldBeNull();
            var read = await MhlGenerationReader.ReadAsync(output, CancellationToken.None);
            read.RootHashes.ShouldHaveSingleItem().Format.ShouldBe("c4");
            read.Directories.ShouldHaveSingleItem().Hashes.ShouldHaveSingleItem().Content.ShouldBe(directories[0].Hashes[0].Content);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
