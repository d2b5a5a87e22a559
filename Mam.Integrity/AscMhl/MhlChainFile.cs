using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Mam.Integrity.AscMhl;

/// <summary>ascmhl_chain.xml (ASCMHLDirectory.xsd): the ordered list of generations with their C4 IDs.</summary>
public static class MhlChainFile
{
    public static async Task<IReadOnlyList<MhlChainEntry>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = XmlReader.Create(stream, settings);
            var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
            var ns = MhlFormat.DirectoryNs;
            if (document.Root is null || document.Root.Name != ns + "ascmhldirectory")
            {
                throw new FormatException($"{path} is not an ASC MHL chain file.");
            }

            return document.Root.Elements(ns + "hashlist")
                .Select(e => new MhlChainEntry(
                    int.Parse((string?)e.Attribute("sequencenr") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                    ((string?)e.Element(ns + "path") ?? string.Empty).Trim(),
                    ((string?)e.Element(ns + "c4") ?? string.Empty).Trim()))
                .ToList();
        }
    }

    public static XDocument ToXml(IEnumerable<MhlChainEntry> entries)
    {
        var ns = MhlFormat.DirectoryNs;
        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(
                ns + "ascmhldirectory",
                entries.OrderBy(e => e.SequenceNumber).Select(e => new XElement(
                    ns + "hashlist",
                    new XAttribute("sequencenr", e.SequenceNumber.ToString(CultureInfo.InvariantCulture)),
                    new XElement(ns + "path", e.Path),
                    new XElement(ns + "c4", e.C4)))));
    }

    /// <summary>Replaces the chain file through a temp file so a crash never leaves half a chain.</summary>
    public static async Task WriteAsync(string path, IEnumerable<MhlChainEntry> entries, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        var settings = new XmlWriterSettings
        {
            Async = true,
            Indent = true,
            IndentChars = "  ",
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            NewLineChars = "\n",
        };
        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var writer = XmlWriter.Create(stream, settings);
            await using (writer.ConfigureAwait(false))
            {
                await ToXml(entries).SaveAsync(writer, cancellationToken).ConfigureAwait(false);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
