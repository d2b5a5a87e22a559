using Mam.Integrity.AscMhl;
using Mam.Integrity.Hashing;
using Mam.Tests.Support;

namespace Mam.Tests.Integrity;

[TestFixture]
public sealed class HashFormatsTests : TempFolderTest
{
    [TestCase(0)]
    [TestCase(100)]
    [TestCase((3 * 1024 * 1024) + 7)]
    public async Task FileHashes_InOnePass_EqualXxhsumAndTheBclForEveryFormat(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = Temp.WriteFile("clip.mov", bytes);

        using var hashes = new FileHashes(HashFormats.All);
        foreach (var chunk in bytes.Chunk(1024 * 1024 + 3))
        {
            hashes.Append(chunk);
        }

        var results = hashes.Results();
        results["xxh64"].ShouldBe(await Xxhsum("-H64", path));
        results["xxh128"].ShouldBe(await Xxhsum("-H2", path));
        results["xxh3"].ShouldBe(await Xxhsum("-H3", path));
        results["md5"].ShouldBe(await Coreutils("md5sum", path));
        results["sha1"].ShouldBe(await Coreutils("sha1sum", path));
        results["c4"].ShouldBe(C4Id.Compute(bytes));
    }

    [Test]
    public void Parse_AlwaysIncludesXxh64AndReturnsSchemaOrder()
    {
        HashFormats.Parse("MD5,xxh128", out var error).ShouldBe(["md5", "xxh128", "xxh64"]);
        error.ShouldBeNull();
        HashFormats.Parse("crc32", out error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("crc32");
    }

    private static async Task<string> Coreutils(string tool, string path)
    {
        var (exitCode, output, error) = await ExternalTool.RunAsync(tool, [path]);
        exitCode.ShouldBe(0, error);
        return output.Split(' ', 2)[0];
    }

    /// <summary>xxhsum prints "HASH  FILE" for -H64/-H2 and "XXH3 (FILE) = HASH" for -H3.</summary>
    private static async Task<string> Xxhsum(string algorithm, string path)
    {
        var (exitCode, output, error) = await ExternalTool.RunAsync("xxhsum", [algorithm, path]);
        exitCode.ShouldBe(0, error);
        var line = output.Trim();
        return line.Contains(" = ", StringComparison.Ordinal) ? line[(line.LastIndexOf(' ') + 1)..] : line.Split(' ', 2)[0];
    }
}
