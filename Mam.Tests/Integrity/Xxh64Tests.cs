using Mam.Tests.Support;
using Mam.Integrity.Hashing;

namespace Mam.Tests.Integrity;

[TestFixture]
public sealed class Xxh64Tests : TempFolderTest
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(5 * 1024 * 1024)]
    [TestCase((5 * 1024 * 1024) + 13)]
    public async Task HashFileAsync_EqualsXxhsum(int size)
    {
        var path = Temp.WriteFile($"file-{size}.bin", RandomBytes(size, seed: size));

        var hash = await Xxh64.HashFileAsync(path, CancellationToken.None);

        hash.ShouldBe(await ExternalTool.XxhsumAsync(path));
        hash.Length.ShouldBe(16);
        hash.ShouldBe(hash.ToLowerInvariant());
    }

    [Test]
    public async Task HashFileAsync_OnFileWithUnicodeName_EqualsXxhsum()
    {
        var path = Temp.WriteFile("Äpfel Ω 東京 clip.mov", RandomBytes(4096, seed: 7));

        var hash = await Xxh64.HashFileAsync(path, CancellationToken.None);

        hash.ShouldBe(await ExternalTool.XxhsumAsync(path));
    }

    [Test]
    public void HashHex_OfNothing_IsTheWellKnownEmptyDigest()
    {
        Xxh64.HashHex([]).ShouldBe("ef46db3751d8e999");
    }

    [Test]
    public async Task Append_InOddChunkSizes_EqualsOneShotAndXxhsum()
    {
        var data = RandomBytes((5 * 1024 * 1024) + 3, seed: 42);
        var path = Temp.WriteFile("chunked.bin", data);
        int[] chunkSizes = [1, 7, 31, 4099, 65_537, 1_048_573];
        using var hasher = Xxh64.CreateHasher();

        var offset = 0;
        for (var i = 0; offset < data.Length; i++)
        {
            var length = Math.Min(chunkSizes[i % chunkSizes.Length], data.Length - offset);
            hasher.Append(data.AsSpan(offset, length));
            offset += length;
        }

        hasher.GetHashText().ShouldBe(Xxh64.HashHex(data));
        hasher.GetHashText().ShouldBe(await ExternalTool.XxhsumAsync(path));
    }

    [Test]
    public async Task HashFileAsync_OnAscMhlExampleClip_EqualsTheHashRecordedInItsMhl()
    {
        var clip = AscMhlTestData.Scenario("scenario_01", "travel_01", "A002R2EC", "Clips", "A002C006_141024_R2EC.mov");

        (await Xxh64.HashFileAsync(clip, CancellationToken.None)).ShouldBe("0ea03b369a463d9d");
    }

    [Test]
    public void Append_AfterDispose_Throws()
    {
        var hasher = Xxh64.CreateHasher();
        hasher.Dispose();

        Should.Throw<ObjectDisposedException>(() => hasher.Append([1]));
    }

    private static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
