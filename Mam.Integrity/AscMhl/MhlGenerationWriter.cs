using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Mam.Integrity.AscMhl;

/// <summary>
/// Serializes one ASC MHL v2.0 generation (ASCMHL.xsd, https://github.com/ascmitc/mhl-specification).
/// Per-file hashes only: &lt;roothash&gt; and &lt;directoryhash&gt; are optional in the schema, and
/// the content/structure directory hashes arrive with the DIT-grade agent.
/// </summary>
public static class MhlGenerationWriter
{
    public static XDocument ToXml(MhlGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var ns = MhlFormat.Ns;
        var processInfo = new XElement(ns + "processinfo", new XElement(ns + "process", MhlFormat.FormatProcess(generation.Process)));
        if (generation.RootHashes.Count > 0)
        {
            processInfo.Add(new XElement(ns + "roothash", DirectoryHashContainers(generation.RootHashes)));
        }

        if (generation.IgnorePatterns.Count > 0)
        {
            processInfo.Add(new XElement(ns + "ignore", generation.IgnorePatterns.Select(p => new XElement(ns + "pattern", p))));
        }

        var root = new XElement(
            ns + "hashlist",
            new XAttribute("version", "2.0"),
            CreatorInfo(generation.Creator),
            processInfo);
        if (generation.Files.Count > 0)
        {
            // The schema requires at least one entry inside <hashes>, so an empty card gets none.
            // As ascmhl does, a folder's <directoryhash> follows the entries inside it.
            var entries = generation.Files.Select(f => (Key: f.Path, Element: FileEntry(f)))
                .Concat(generation.Directories.Select(d => (Key: d.Path + "/\uffff", Element: DirectoryEntry(d))))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => e.Element);
            root.Add(new XElement(ns + "hashes", entries));
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    public static async Task WriteAsync(Stream stream, MhlGeneration generation, CancellationToken cancellationToken)
    {
        var document = ToXml(generation);
        var settings = new XmlWriterSettings
        {
            Async = true,
            Indent = true,
            IndentChars = "  ",
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            NewLineChars = "\n",
        };
        var writer = XmlWriter.Create(stream, settings);
        await using (writer.ConfigureAwait(false))
        {
            await document.SaveAsync(writer, cancellationToken).ConfigureAwait(false);
        }
    }

    private static XElement CreatorInfo(MhlCreatorInfo creator)
    {
        var ns = MhlFormat.Ns;
        var tool = new XElement(ns + "tool", creator.ToolName);
        if (creator.ToolVersion is not null)
        {
            tool.Add(new XAttribute("version", creator.ToolVersion));
        }

        var element = new XElement(
            ns + "creatorinfo",
            new XElement(ns + "creationdate", MhlFormat.FormatDate(creator.CreationDate)),
            new XElement(ns + "hostname", creator.Hostname),
            tool);
        foreach (var author in creator.Authors)
        {
            var authorElement = new XElement(ns + "author", author.Name);
            AddOptional(authorElement, "email", author.Email);
            AddOptional(authorElement, "phone", author.Phone);
            AddOptional(authorElement, "role", author.Role);
            element.Add(authorElement);
        }

        if (creator.Location is not null)
        {
            element.Add(new XElement(ns + "location", creator.Location));
        }

        if (creator.Comment is not null)
        {
            element.Add(new XElement(ns + "comment", creator.Comment));
        }

        return element;
    }

    private static XElement FileEntry(MhlFileEntry file)
    {
        var ns = MhlFormat.Ns;
        var path = new XElement(ns + "path", file.Path);
        if (file.Size is { } size)
        {
            path.Add(new XAttribute("size", size.ToString(CultureInfo.InvariantCulture)));
        }

        if (file.LastModificationDate is { } modified)
        {
            path.Add(new XAttribute("lastmodificationdate", MhlFormat.FormatDate(modified)));
        }

        var entry = new XElement(ns + "hash", path);
        foreach (var format in MhlFormat.HashFormats)
        {
            var hash = file.Hashes.FirstOrDefault(h => string.Equals(h.Format, format, StringComparison.Ordinal));
            if (hash is null)
            {
                continue;
            }

            var hashElement = new XElement(ns + format, hash.Value);
            if (hash.Action is { } action)
            {
                hashElement.Add(new XAttribute("action", MhlFormat.FormatAction(action)));
            }

            if (hash.HashDate is { } hashDate)
            {
                hashElement.Add(new XAttribute("hashdate", MhlFormat.FormatDate(hashDate)));
            }

            entry.Add(hashElement);
        }

        // After the hashes, as HashType's sequence has it (previousPath, not written here, would come between).
        if (file.Metadata.Count > 0)
        {
            entry.Add(new XElement(ns + "metadata", file.Metadata));
        }

        var unknown = file.Hashes.FirstOrDefault(h => !MhlFormat.HashFormats.Contains(h.Format, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new ArgumentException($"ASC MHL v2.0 has no hash format '{unknown.Format}'.", nameof(file));
        }

        return entry;
    }

    private static XElement DirectoryEntry(MhlDirectoryEntry directory)
    {
        var ns = MhlFormat.Ns;
        var path = new XElement(ns + "path", directory.Path);
        if (directory.LastModificationDate is { } modified)
        {
            path.Add(new XAttribute("lastmodificationdate", MhlFormat.FormatDate(modified)));
        }

        return new XElement(ns + "directoryhash", path, DirectoryHashContainers(directory.Hashes));
    }

    private static XElement[] DirectoryHashContainers(IReadOnlyList<MhlDirectoryHashValue> hashes)
    {
        var ns = MhlFormat.Ns;
        var ordered = MhlFormat.HashFormats
            .SelectMany(format => hashes.Where(h => string.Equals(h.Format, format, StringComparison.Ordinal)))
            .ToList();
        XElement Value(string format, string value, DateTimeOffset? date) => date is { } d
            ? new XElement(ns + format, new XAttribute("hashdate", MhlFormat.FormatDate(d)), value)
            : new XElement(ns + format, value);
        return
        [
            new XElement(ns + "content", ordered.Select(h => Value(h.Format, h.Content, h.HashDate))),
            new XElement(ns + "structure", ordered.Select(h => Value(h.Format, h.Structure, h.HashDate))),
        ];
    }

    private static void AddOptional(XElement element, string name, string? value)
    {
        if (value is not null)
        {
            element.Add(new XAttribute(name, value));
        }
    }
}
