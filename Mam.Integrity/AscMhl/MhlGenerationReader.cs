using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Mam.Integrity.AscMhl;

/// <summary>
/// Reads a generation file back into <see cref="MhlGeneration"/>: creator, process, ignore patterns
/// the per-file &lt;hash&gt; entries (with their &lt;metadata&gt;), &lt;directoryhash&gt; and &lt;roothash&gt;.
/// The generation's own metadata and references are skipped; nothing here needs them yet.
/// </summary>
public static class MhlGenerationReader
{
    public static async Task<MhlGeneration> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<MhlGeneration> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(stream, settings);
        var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        return Parse(document);
    }

    public static MhlGeneration Parse(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var ns = MhlFormat.Ns;
        var root = document.Root;
        if (root is null || root.Name != ns + "hashlist")
        {
            throw new FormatException("Not an ASC MHL v2.0 file: the root element must be <hashlist xmlns=\"urn:ASC:MHL:v2.0\">.");
        }

        var creator = Required(root, "creatorinfo");
        var tool = Required(creator, "tool");
        var creatorInfo = new MhlCreatorInfo(
            MhlFormat.ParseDate(Required(creator, "creationdate").Value),
            Required(creator, "hostname").Value.Trim(),
            tool.Value.Trim(),
            (string?)tool.Attribute("version"),
            creator.Elements(ns + "author")
                .Select(a => new MhlAuthor(a.Value.Trim(), (string?)a.Attribute("email"), (string?)a.Attribute("phone"), (string?)a.Attribute("role")))
                .ToList(),
            (string?)creator.Element(ns + "location"),
            (string?)creator.Element(ns + "comment"));

        var process = Required(root, "processinfo");
        var ignore = process.Element(ns + "ignore")?.Elements(ns + "pattern").Select(p => p.Value.Trim()).ToList() ?? [];
        var files = root.Element(ns + "hashes")?.Elements(ns + "hash").Select(ParseHash).ToList() ?? [];

        var directories = root.Element(ns + "hashes")?.Elements(ns + "directoryhash")
            .Select(d => new MhlDirectoryEntry(
                Required(d, "path").Value.Trim(),
                Required(d, "path").Attribute("lastmodificationdate") is { } date ? MhlFormat.ParseDate(date.Value) : null,
                ParseDirectoryHashes(d)))
            .ToList() ?? [];
        return new MhlGeneration(creatorInfo, MhlFormat.ParseProcess(Required(process, "process").Value), ignore, files)
        {
            RootHashes = process.Element(ns + "roothash") is { } rootHash ? ParseDirectoryHashes(rootHash) : [],
            Directories = directories,
        };
    }

    private static List<MhlDirectoryHashValue> ParseDirectoryHashes(XElement container)
    {
        var ns = MhlFormat.Ns;
        var content = Required(container, "content");
        var structure = Required(container, "structure");
        return MhlFormat.HashFormats
            .Where(format => content.Element(ns + format) is not null && structure.Element(ns + format) is not null)
            .Select(format => new MhlDirectoryHashValue(
                format,
                content.Element(ns + format)!.Value.Trim(),
                structure.Element(ns + format)!.Value.Trim(),
                content.Element(ns + format)!.Attribute("hashdate") is { } date ? MhlFormat.ParseDate(date.Value) : null))
            .ToList();
    }

    private static MhlFileEntry ParseHash(XElement hash)
    {
        var ns = MhlFormat.Ns;
        var path = Required(hash, "path");
        var size = (string?)path.Attribute("size");
        var modified = (string?)path.Attribute("lastmodificationdate");
        var hashes = MhlFormat.HashFormats
            .SelectMany(format => hash.Elements(ns + format).Select(e => new MhlHashValue(
                format,
                e.Value.Trim(),
                MhlFormat.ParseAction((string?)e.Attribute("action")),
                e.Attribute("hashdate") is { } date ? MhlFormat.ParseDate(date.Value) : null)))
            .ToList();

        return new MhlFileEntry(
            path.Value.Trim(),
            size is null ? null : long.Parse(size, NumberStyles.None, CultureInfo.InvariantCulture),
            modified is null ? null : MhlFormat.ParseDate(modified),
            hashes)
        {
            Metadata = hash.Element(ns + "metadata")?.Elements().ToList() ?? [],
        };
    }

    private static XElement Required(XElement parent, string name) =>
        parent.Element(MhlFormat.Ns + name)
        ?? throw new FormatException($"ASC MHL <{parent.Name.LocalName}> has no <{name}>.");
}
