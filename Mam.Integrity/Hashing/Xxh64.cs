using System.Globalization;
using System.IO.Hashing;

namespace Mam.Integrity.Hashing;

/// <summary>xxh64, the format every tool in the chain reads: the object stores check uploads against it
/// and the agent names files by it. Hex as <c>xxhsum -H64</c> prints it (see <see cref="XxHashHasher"/>).</summary>
public static class Xxh64
{
    /// <summary>Large reads keep spinning disks and card readers streaming.</summary>
    public const int ChunkSize = 4 * 1024 * 1024;

    /// <summary>A streaming xxh64 hasher; <see cref="IContentHasher.GetHashText"/> gives the hex.</summary>
    public static IContentHasher CreateHasher() => HashFormats.Create(HashFormats.Xxh64);

    public static string HashHex(ReadOnlySpan<byte> data) =>
        XxHash64.HashToUInt64(data).ToString("x16", CultureInfo.InvariantCulture);

    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        using var hashes = new FileHashes([HashFormats.Xxh64]);
        await hashes.AppendFileAsync(path, cancellationToken).ConfigureAwait(false);
        return hashes.Results()[HashFormats.Xxh64];
    }
}
