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
}
