using System.Text;
using Mam.Integrity.Hashing;

namespace Mam.Integrity.AscMhl;

/// <summary>
/// Directory content and structure hashes as the ascmhl reference tool computes them (matched
/// against the reference histories in its scenarios): a folder's content hash is the hash of its
/// children's binary hashes concatenated in ascending byte order; its structure hash is the same over,
/// per child, hash(UTF-8 name + child's binary hash), where a file contributes its content hash and a
/// folder its structure hash. A c4 value stands for its 64-byte SHA-512 digest (ascmhl's
/// <c>C4.bytes_from_string_digest</c>), so a history holding only c4 gets c4 directory hashes too.
/// </summary>
public static class MhlDirectoryHashes
{
    /// <param name="files">The generation's file entries (ignored files already left out).</param>
    /// <returns>The root hash and one entry per folder that holds a listed file.</returns>
    public static (IReadOnlyList<MhlDirectoryHashValue> Root, IReadOnlyList<MhlDirectoryEntry> Directories) Compute(
        IReadOnlyList<MhlFileEntry> files,
        DateTimeOffset hashDate,
        Func<string, DateTimeOffset?>? lastModification = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var formats = HashFormats.All
            .Where(f => files.Count > 0 && files.All(e => e.GetHash(f) is not null))
            .ToList();
        var folders = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (var file in files)
        {
            for (var parent = ParentOf(file.Path); parent.Length > 0; parent = ParentOf(parent))
            {
                folders.Add(parent);
            }
        }

        // Per folder and format: (content, structure) in binary; computed deepest folders first.
        var computed = new Dictionary<(string Folder, string Format), (byte[] Content, byte[] Structure)>();
        foreach (var folder in folders.OrderByDescending(f => f.Count(c => c == '/') + (f.Length > 0 ? 1 : 0)).ThenBy(f => f, StringComparer.Ordinal))
        {
            foreach (var format in formats)
            {
                var contents = new List<byte[]>();
                var structures = new List<byte[]>();
                foreach (var file in files.Where(f => string.Equals(ParentOf(f.Path), folder, StringComparison.Ordinal)))
                {
                    var content = BytesOf(format, file.GetHash(format)!);
                    contents.Add(content);
                    structures.Add(Hash(format, Concat(Encoding.UTF8.GetBytes(NameOf(file.Path)), content)));
                }

                foreach (var child in folders.Where(f => f.Length > 0 && string.Equals(ParentOf(f), folder, StringComparison.Ordinal)))
                {
                    var (content, structure) = computed[(child, format)];
                    contents.Add(content);
                    structures.Add(Hash(format, Concat(Encoding.UTF8.GetBytes(NameOf(child)), structure)));
                }

                computed[(folder, format)] = (HashOfSorted(format, contents), HashOfSorted(format, structures));
            }
        }

        List<MhlDirectoryHashValue> ValuesOf(string folder) => formats
            .Select(f => new MhlDirectoryHashValue(f, TextOf(f, computed[(folder, f)].Content), TextOf(f, computed[(folder, f)].Structure), hashDate))
            .ToList();

        var directories = folders.Where(f => f.Length > 0)
            .Select(f => new MhlDirectoryEntry(f, lastModification?.Invoke(f), ValuesOf(f)))
            .ToList();
        return (formats.Count == 0 ? [] : ValuesOf(string.Empty), formats.Count == 0 ? [] : directories);
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];

    private static byte[] HashOfSorted(string format, List<byte[]> parts)
    {
        parts.Sort((x, y) => x.AsSpan().SequenceCompareTo(y));
        return Hash(format, parts.SelectMany(p => p).ToArray());
    }

    private static byte[] Hash(string format, byte[] data)
    {
        using var hasher = HashFormats.Create(format);
        hasher.Append(data);
        return BytesOf(format, hasher.GetHashText());
    }

    private static byte[] BytesOf(string format, string text) =>
        string.Equals(format, HashFormats.C4, StringComparison.Ordinal) ? C4Id.ToSha512(text) : Convert.FromHexString(text);

    private static string TextOf(string format, byte[] bytes) =>
        string.Equals(format, HashFormats.C4, StringComparison.Ordinal) ? C4Id.FromSha512(bytes) : Convert.ToHexStringLower(bytes);
}
