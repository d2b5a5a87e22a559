using System.Security.Cryptography;

namespace Mam.Integrity.Hashing;

/// <summary>
/// The hash formats ASC MHL v2 knows (ASCMHL.xsd HashType) and the factory for their hashers.
/// xxh64 is always computed: it is the format every tool in the chain reads.
/// </summary>
public static class HashFormats
{
    public const string C4 = "c4";
    public const string Md5 = "md5";
    public const string Sha1 = "sha1";
    public const string Xxh128 = "xxh128";
    public const string Xxh3 = "xxh3";
    public const string Xxh64 = "xxh64";

    /// <summary>In the order ASCMHL.xsd's HashType sequence requires.</summary>
    public static IReadOnlyList<string> All { get; } = [C4, Md5, Sha1, Xxh128, Xxh3, Xxh64];

    public static bool IsKnown(string format) => All.Contains(format, StringComparer.Ordinal);

    /// <summary>Parses "xxh64,md5" (any order, any case); xxh64 is always included.</summary>
    /// <returns>The formats in schema order, or null with <paramref name="error"/> set.</returns>
    public static IReadOnlyList<string>? Parse(string? list, out string? error)
    {
        error = null;
        var requested = new HashSet<string>(StringComparer.Ordinal) { Xxh64 };
        foreach (var part in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var format = part.ToLowerInvariant();
            if (!IsKnown(format))
            {
                error = $"unknown hash format '{part}' (known: {string.Join(", ", All)})";
                return null;
            }

            requested.Add(format);
        }

        return All.Where(requested.Contains).ToList();
    }

    public static IContentHasher Create(string format) => format switch
    {
        Xxh64 or Xxh3 or Xxh128 => new XxHashHasher(format),
        Md5 => new BclHasher(Md5, HashAlgorithmName.MD5),
        Sha1 => new BclHasher(Sha1, HashAlgorithmName.SHA1),
        C4 => new BclHasher(C4, HashAlgorithmName.SHA512),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an ASC MHL hash format"),
    };
}
